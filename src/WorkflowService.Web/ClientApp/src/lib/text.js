// Localized texts with numbered placeholders, as the server's resources write them: "Version {0} by {1}".

/**
 * `template` with every {n} replaced by args[n] as text; a placeholder without an argument (or
 * with null) becomes empty. Replacement text is taken literally: "$&" in a name stays "$&".
 */
export function fill(template, args = []) {
  return String(template).replace(/\{(\d+)\}/g, (_, i) => String(args[Number(i)] ?? ''));
}

/** A format(key, ...args) over a table of texts; a key missing from the table stands for itself. */
export function formatter(texts = {}) {
  return (key, ...args) => fill(texts[key] ?? key, args);
}
