/** A ctfcli file that cannot be converted without changing its meaning; the message says why. */
export class ConversionError extends Error {
  override readonly name = 'ConversionError';
}
