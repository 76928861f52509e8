// `gh classroom clone student-repos` writes one `<assignment-prefix>-<login>/` folder per student. The prefix
// is what every folder shares, cut back to its last `-`, so shared first letters of logins (alice, alex)
// stay in the logins. Two logins that share a dashed part (mary-ann, mary-jo) with no third student are
// ambiguous and lose it: the gradebook still tells them apart.
export function classroomPrefix(folderNames: readonly string[]): string | null {
  if (folderNames.length < 2) return null;
  const common = folderNames.reduce(commonPrefix);
  const prefix = common.slice(0, common.lastIndexOf("-") + 1);
  // Something must come before the dash, and every folder must leave a login after it.
  if (prefix.length < 2 || folderNames.some((name) => name.length === prefix.length)) return null;
  return prefix;
}

function commonPrefix(a: string, b: string): string {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i += 1;
  return a.slice(0, i);
}
