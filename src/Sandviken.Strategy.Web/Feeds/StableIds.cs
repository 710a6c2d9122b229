using System.Security.Cryptography;
using System.Text;

namespace Sandviken.Strategy.Web.Feeds;

/// <summary>
/// Identifiers that never change: name-based UUIDs (RFC 9562 version 8, from SHA-256) of natural keys such as
/// "2181/kunskapsnamnden/2027/version/2". They depend on neither the host name nor database ids, so a feed reader or a
/// calendar sees the same entry after a move to another address or another database (ADR 0036).
/// </summary>
internal static class StableIds
{
    // The namespace of this portal's names; changing it would change every id.
    private const string Namespace = "sandviken-strategy:";

    public static Guid UuidOf(string name)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(Namespace + name), hash);
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80); // version 8
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // variant 10
        return new Guid(bytes, bigEndian: true);
    }

    /// <summary>The urn:uuid: IRI of a name, for Atom ids.</summary>
    public static string UrnOf(string name) => $"urn:uuid:{UuidOf(name):D}";
}
