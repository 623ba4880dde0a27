// White space as Python sees it (str.isspace(), what str.strip() removes), so that both packages trim
// a URL or a body alike: wider than JavaScript's trim() (\x1c-\x1f, \x85) and narrower (no \ufeff).

const PYTHON_SPACE = "\\t-\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
const LEADING_SPACE = new RegExp(`^[${PYTHON_SPACE}]+`, "u");
const SURROUNDING_SPACE = new RegExp(`^[${PYTHON_SPACE}]+|[${PYTHON_SPACE}]+$`, "gu");

/** Python's `text.lstrip()`. */
export function stripStart(text: string): string {
  return text.replace(LEADING_SPACE, "");
}

/** Python's `text.strip()`. */
export function strip(text: string): string {
  return text.replace(SURROUNDING_SPACE, "");
}
