/** A duration as .NET's TimeSpan prints it, as APIM's quota message does: `[d.]hh:mm:ss`. */
export function formatTimeSpan(totalSeconds: number): string {
  const days = Math.floor(totalSeconds / 86_400);
  const rest = totalSeconds % 86_400;
  const two = (n: number): string => String(n).padStart(2, '0');
  const clock = `${two(Math.floor(rest / 3600))}:${two(Math.floor((rest % 3600) / 60))}:${two(rest % 60)}`;
  return days > 0 ? `${days}.${clock}` : clock;
}
