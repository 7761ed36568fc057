using CrossShard.Crypto.Channels;
using CrossShard.Network.Peers;

namespace CrossShard.Network.Tests.Peers;

public sealed class PeerNetworkOptionsTests
{
    [Fact]
    public void Defaults_CarryTheLargestRecordASessionAllows()
    {
        var options = PeerNetworkOptions.Default;
        Assert.Equal(SecureSessionOptions.MaxMaxRecordSize, options.MaxRecordPlaintextBytes);
        Assert.Equal(SecureSessionOptions.MaxMaxRecordSize - 4, options.MaxEnvelopeBytes);
        Assert.Equal(options.MaxFrameBytes + 6, options.MaxGrpcMessageBytes);
        Assert.Same(options, options.Validate());
    }

    [Fact]
    public void OutOfRangeSettings_AreRefusedWhereTheyAreSet()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PeerNetworkOptions { MaxFrameBytes = PeerNetworkOptions.DefaultMaxFrameBytes + 1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new PeerNetworkOptions { MaxQueuedEnvelopes = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new PeerNetworkOptions { HandshakeTimeout = TimeSpan.Zero });
        Assert.Throws<ArgumentException>(() => new PeerNetworkOptions { ReconnectBaseDelay = TimeSpan.FromSeconds(2), ReconnectMaxDelay = TimeSpan.FromSeconds(1) }.Validate());
    }
}
