// Dates and times in the user's words ("Mon 7 Dec, 09:30"), formatted by
// one Intl formatter per shape. Making a formatter costs WebKit about a
// quarter of a millisecond and using one a twentieth: `toLocaleString` with
// options makes a new one on every call, which at 200 rows was a large
// part of the time before Today's first paint.
const made = new Map<string, Intl.DateTimeFormat>();

/** The same text as `date.toLocaleString("en-GB", options)`. */
export function formatDate(date: Date, options: Intl.DateTimeFormatOptions): string {
  const key = JSON.stringify(options);
  let format = made.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat("en-GB", options);
    made.set(key, format);
  }
  return format.format(date);
}
