/**
 * A term as a narrow table cell shows it: "Consumer (个人客户)" as "Consumer", the cell's title
 * keeping the whole term. A Chinese term has no English beside it and stays whole.
 */
export function termInCell(label: string): string {
  return label.replace(/\s*\([^()]*\p{Script=Han}[^()]*\)$/u, '') || label;
}
