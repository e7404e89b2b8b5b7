/**
 * Where a long column name may wrap: after `_ . - /` and between a lower-case letter or digit
 * and the capital that starts the next word, so "Col2_HashingFeature.0" can sit on two lines
 * ("Col2_Hashing" / "Feature.0") and a wide table needs less sideways scrolling.
 * Joined, the parts are always the name itself.
 */
export function columnNameParts(name: string): string[] {
  return name.split(/(?<=[_./-])(?=.)|(?<=[a-z0-9])(?=[A-Z])/);
}
