using System.Reflection;
using CrossShard.Core.Messages;

namespace CrossShard.Core.Tests;

/// <summary>House rules checked by reflection: the core stays pure, messages stay immutable.</summary>
public sealed class ArchitectureRulesTests
{
    private static readonly Assembly Core = typeof(ShardProtocol).Assembly;

    [Fact]
    public void Core_DependsOnNothingOfOursAndDoesNoIo()
    {
        var references = Core.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.DoesNotContain(references, r => r.StartsWith("CrossShard.", StringComparison.Ordinal));
        Assert.DoesNotContain(references, r => r.StartsWith("System.Net", StringComparison.Ordinal));
        Assert.DoesNotContain(references, r => r.StartsWith("Microsoft.Extensions", StringComparison.Ordinal));
        Assert.DoesNotContain(references, r => r.Contains("RocksDb", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void ProtocolMessages_AreSealedRecordsWithoutSetters()
    {
        var messages = Core.GetTypes().Where(t => t.IsSubclassOf(typeof(ProtocolMessage))).ToList();

        Assert.True(messages.Count >= 7);
        foreach (var type in messages)
        {
            Assert.True(type.IsSealed, $"{type.Name} is not sealed");
            foreach (var property in type.GetProperties().Where(p => p.SetMethod is not null))
            {
                var setter = property.SetMethod!;
                var initOnly = setter.ReturnParameter.GetRequiredCustomModifiers().Any(m => m.Name == "IsExternalInit");
                Assert.True(initOnly, $"{type.Name}.{property.Name} can be changed after construction");
            }
        }
    }
}
