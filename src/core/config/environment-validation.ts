/**
 * Why `value` cannot be an environment's base URL, or null when it can: an absolute http(s)
 * URL without query or fragment (operation paths are appended to it).
 */
export function validateBaseUrl(value: string): string | null {
  const text = value.trim();
  if (text === '') return 'Enter a base URL, e.g. https://myapi.azure-api.net/azureml-demo';
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    if (!/^[a-z][a-z0-9+.-]*:/i.test(text)) {
      return `"${text}" is not an absolute URL: start it with https:// or http://`;
    }
    return `"${text}" is not a valid URL`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:' && !text.includes('//')) {
    // "localhost:8790" parses as a URL with the scheme "localhost:".
    return `"${text}" is not an absolute URL: start it with https:// or http://`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return `The base URL must start with https:// or http://, not ${url.protocol}//`;
  }
  if (url.hostname === '') return `"${text}" has no host name`;
  if (url.username || url.password)
    return 'Do not put credentials in the base URL: use the key fields instead';
  if (url.search || url.hash) return 'The base URL cannot contain a query (?) or fragment (#)';
  return null;
}
