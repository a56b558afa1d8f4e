using System.Text;

namespace Children.API.Returns903;

/// <summary>A file that is not a 903 CSV file at all: the reason names the file and what is wrong.</summary>
public sealed class NotA903FileException(string file, string reason) : Exception($"{file}: {reason}")
{
    public string File { get; } = file;
    public string Reason { get; } = reason;
}

/// <summary>
/// Reads CSV (RFC 4180: quoted fields, doubled quotes, CRLF or LF) one record at a time from a stream, so a
/// large file is never held in memory. Text that cannot be a CSV file (NUL bytes, a record longer than
/// <see cref="MaxRecordChars"/>) is refused with <see cref="NotA903FileException"/>.
/// </summary>
public sealed class CsvFile(TextReader reader, string file)
{
    public const int MaxRecordChars = 64 * 1024;
    private readonly StringBuilder _field = new();
    private readonly List<string> _fields = [];
    // The file is read a buffer at a time and ordinary characters are copied a run at a time: one virtual Read() per
    // character was most of an import's parsing (bench/children).
    private readonly char[] _buffer = new char[16 * 1024];
    private int _position, _length;
    private static readonly System.Buffers.SearchValues<char> EndsUnquotedRun = System.Buffers.SearchValues.Create(",\r\n\"\0\uFFFD");
    private static readonly System.Buffers.SearchValues<char> EndsQuotedRun = System.Buffers.SearchValues.Create("\"\n\0\uFFFD");

    /// <summary>1-based line of the file where the record last read started.</summary>
    public int Line { get; private set; }
    private int _nextLine = 1;

    public static CsvFile Open(Stream stream, string file) =>
        new(new StreamReader(stream, new UTF8Encoding(false, throwOnInvalidBytes: false), detectEncodingFromByteOrderMarks: true, bufferSize: 64 * 1024), file);

    private bool Buffered()
    {
        if (_position < _length) return true;
        _length = reader.Read(_buffer, 0, _buffer.Length);
        _position = 0;
        return _length > 0;
    }

    private int Peek() => Buffered() ? _buffer[_position] : -1;

    /// <summary>The next record's fields, or null at the end of the file.</summary>
    public string[]? Next()
    {
        _fields.Clear();
        _field.Clear();
        Line = _nextLine;
        var quoted = false;
        var length = 0;
        var any = false;
        while (true)
        {
            if (!Buffered())
            {
                if (quoted) throw new NotA903FileException(file, $"line {Line}: a quoted field is never closed");
                if (!any) return null;
                _fields.Add(_field.ToString());
                return [.. _fields];
            }
            // A run of characters that only extend the field (a quote opens quoting only at a field's start).
            var rest = _buffer.AsSpan(_position, _length - _position);
            var run = rest.IndexOfAny(quoted ? EndsQuotedRun : EndsUnquotedRun);
            if (run < 0) run = rest.Length;
            else if (!quoted && rest[run] == '"' && (_field.Length > 0 || run > 0)) run++;
            if (run > 0)
            {
                any = true;
                if ((length += run) > MaxRecordChars) throw TooLong();
                _field.Append(rest[..run]);
                _position += run;
                continue;
            }
            var ch = _buffer[_position++];
            any = true;
            if (++length > MaxRecordChars) throw TooLong();
            if (ch == 0 || ch == '\uFFFD') throw new NotA903FileException(file, $"line {Line}: binary content (not UTF-8 CSV text)");
            if (quoted)
            {
                if (ch == '"')
                {
                    if (Peek() == '"') { _position++; _field.Append('"'); }
                    else quoted = false;
                }
                else
                {
                    if (ch == '\n') _nextLine++;
                    _field.Append(ch);
                }
                continue;
            }
            switch (ch)
            {
                case '"': // at the field's start: any other quote is part of a run
                    quoted = true;
                    break;
                case ',':
                    _fields.Add(_field.ToString());
                    _field.Clear();
                    break;
                case '\r':
                    if (Peek() == '\n') _position++;
                    goto case '\n';
                case '\n':
                    _nextLine++;
                    _fields.Add(_field.ToString());
                    return [.. _fields];
            }
        }
    }

    private NotA903FileException TooLong() =>
        new(file, $"line {Line}: a record longer than {MaxRecordChars / 1024} KB is not a 903 CSV record");

    /// <summary>
    /// Writes one record, quoting a field only when it needs it. A field that a spreadsheet would run as a formula (see
    /// <see cref="RowReader.FormulaStarts"/>) is written as OWASP recommends, behind a single quote and quoted, so it reads
    /// as text. The import refuses such fields, so a return imported here still exports exactly as it was sent.
    /// </summary>
    public static void Write(TextWriter writer, IReadOnlyList<string> fields)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (i > 0) writer.Write(',');
            var f = fields[i];
            if (f.Length > 0 && RowReader.FormulaStarts.Contains(f[0])) writer.Write("\"'" + f.Replace("\"", "\"\"") + '"');
            else if (f.AsSpan().IndexOfAny(",\"\r\n") >= 0) writer.Write('"' + f.Replace("\"", "\"\"") + '"');
            else writer.Write(f);
        }
        writer.Write("\r\n");
    }
}
