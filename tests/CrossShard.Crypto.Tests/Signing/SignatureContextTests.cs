using System.Text;
using CrossShard.Crypto.Signing;

namespace CrossShard.Crypto.Tests.Signing;

public sealed class SignatureContextTests
{
    [Fact]
    public void WellKnownContexts_HaveProtocolNames()
    {
        var expected = new Dictionary<string, SignatureContext>
        {
            ["crossshard/v1/prepare"] = SignatureContext.Prepare,
            ["crossshard/v1/vote"] = SignatureContext.Vote,
            ["crossshard/v1/decision"] = SignatureContext.Decision,
            ["crossshard/v1/ack"] = SignatureContext.Ack,
            ["crossshard/v1/status"] = SignatureContext.Status,
            ["crossshard/v1/batch"] = SignatureContext.Batch,
            ["crossshard/v1/receipt"] = SignatureContext.Receipt,
            ["crossshard/v1/handshake"] = SignatureContext.Handshake,
        };

        foreach (var (text, context) in expected)
        {
            Assert.Equal(Encoding.UTF8.GetBytes(text), context.ToArray());
            Assert.Equal(text, context.ToString());
        }

        Assert.Equal(expected.Count, expected.Values.Distinct().Count());
    }

    [Fact]
    public void FromBytes_LongerThan255_Throws()
    {
        Assert.Equal(255, SignatureContext.FromBytes(new byte[255]).Length);
        Assert.Throws<ArgumentException>(() => SignatureContext.FromBytes(new byte[256]));
    }

    [Fact]
    public void FromBytes_CopiesInput()
    {
        var bytes = "abc"u8.ToArray();
        var context = SignatureContext.FromBytes(bytes);
        bytes[0] = (byte)'x';

        Assert.Equal("abc", context.ToString());
        Assert.Equal(SignatureContext.FromString("abc"), context);
    }
}
