/**
 * An operation's URL template as APIM takes it (`/workspaces/{workspace}/execute?api-version={v}`):
 * checked as the user types, so an unclosed brace is named before anything is sent.
 */
export type UrlTemplateCheck =
  { ok: true; parameters: string[] } | { ok: false; problem: string; parameters: string[] };

const NAME = /^[A-Za-z0-9_.-]+$/;

export function checkUrlTemplate(template: string): UrlTemplateCheck {
  const parameters: string[] = [];
  const fail = (problem: string): UrlTemplateCheck => ({ ok: false, problem, parameters });
  if (template.trim() === '') return fail('Type the URL template, starting with "/".');
  if (!template.startsWith('/')) return fail('A URL template starts with "/".');
  let open = -1;
  for (let i = 0; i < template.length; i++) {
    const c = template[i];
    if (c === '{') {
      if (open >= 0)
        return fail(
          `The brace at character ${open + 1} is not closed before the next "{" at ${i + 1}: add "}" after the parameter name.`,
        );
      open = i;
    } else if (c === '}') {
      if (open < 0) return fail(`The "}" at character ${i + 1} closes no "{".`);
      const name = template.slice(open + 1, i);
      if (name === '') return fail(`The braces at character ${open + 1} need a parameter name.`);
      if (!NAME.test(name))
        return fail(
          `The parameter name "${name}" may hold only letters, digits, "_", "-" and ".".`,
        );
      if (parameters.includes(name)) return fail(`The parameter {${name}} appears twice.`);
      parameters.push(name);
      open = -1;
    }
  }
  if (open >= 0)
    return fail(
      `The brace at character ${open + 1} is not closed: add "}" after the parameter name.`,
    );
  return { ok: true, parameters };
}
