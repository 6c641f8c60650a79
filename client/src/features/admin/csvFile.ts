/**
 * A file's text: UTF-8, or Windows-1252 when it is not valid UTF-8 (ONDE's and spreadsheets' exports often
 * are), so that « Léa » never reads « L�a ».
 */
export async function readCsvFile(file: Blob): Promise<string> {
  const bytes = await file.arrayBuffer();
  const utf8 = new TextDecoder('utf-8').decode(bytes);
  return utf8.includes('\uFFFD') ? new TextDecoder('windows-1252').decode(bytes) : utf8;
}
