using System.Text;

namespace Sandviken.Strategy.Web.Tests.Api;

/// <summary>
/// A plain RFC 4180 reader with semicolons, as Swedish Excel reads the portal's CSV files: quoted cells may hold
/// semicolons, quotes (doubled) and line breaks. The file must start with the UTF-8 byte order mark.
/// </summary>
internal static class CsvReader
{
    public static List<string[]> Rows(byte[] file)
    {
        Assert.True(file.AsSpan().StartsWith(Encoding.UTF8.GetPreamble()), "The CSV does not start with the UTF-8 byte order mark.");
        var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(file, 3, file.Length - 3);
        var rows = new List<string[]>();
        var row = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(c);
                }
            }
            else if (c == '"' && cell.Length == 0)
            {
                quoted = true;
            }
            else if (c == ';')
            {
                row.Add(cell.ToString());
                cell.Clear();
            }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                row.Add(cell.ToString());
                cell.Clear();
                rows.Add([.. row]);
                row.Clear();
                i++;
            }
            else
            {
                cell.Append(c);
            }
        }

        Assert.False(quoted, "The CSV ends inside a quoted cell.");
        Assert.True(row.Count == 0 && cell.Length == 0, "The CSV's last line does not end with CRLF.");
        Assert.All(rows, r => Assert.Equal(rows[0].Length, r.Length));
        return rows;
    }
}
