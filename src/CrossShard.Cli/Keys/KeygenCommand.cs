using System.CommandLine;
using CrossShard.Crypto.KeyFiles;
using CrossShard.Crypto.Signing;

namespace CrossShard.Cli.Keys;

/// <summary><c>xshard keygen</c>: creates a node identity (seed file, mode 0600) and prints its public key for the manifest.</summary>
internal static class KeygenCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var outFile = new Option<string>("--out") { Description = "private key file to create (mode 0600)", Required = true };
        var force = new Option<bool>("--force") { Description = "replace existing files" };
        var publicOut = new Option<string?>("--public-out") { Description = "also write the public key to this file (mode 0644)" };
        var algorithm = new Option<string>("--algorithm")
        {
            Description = "ML-DSA-44, ML-DSA-65 or ML-DSA-87 (default ML-DSA-65)",
            DefaultValueFactory = _ => SignatureAlgorithmInfo.Default.GetName(),
        };
        algorithm.Validators.Add(static result =>
        {
            var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : null;
            if (text is not null && !SignatureAlgorithmInfo.TryParseName(text, out _))
            {
                result.AddError($"--algorithm must be ML-DSA-44, ML-DSA-65 or ML-DSA-87, got '{text}'");
            }
        });
        var command = new Command("keygen", "Create a node identity (ML-DSA key seed) and print its public key for the cluster manifest.")
        {
            outFile, force, publicOut, algorithm,
        };

        command.SetAction(async (parse, cancellationToken) =>
        {
            _ = SignatureAlgorithmInfo.TryParseName(parse.GetValue(algorithm), out var chosen);
            var request = new KeygenRequest(parse.GetValue(outFile)!, parse.GetValue(publicOut), chosen, parse.GetValue(force));
            return await RunAsync(request, output, error).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<int> RunAsync(KeygenRequest request, TextWriter output, TextWriter error)
    {
        // Checked before anything is written, so a refusal never leaves a new private key without its public file.
        foreach (var path in request.Paths)
        {
            if (!request.Force && (File.Exists(path) || Directory.Exists(path)))
            {
                await error.WriteLineAsync($"xshard: {path} already exists; refusing to overwrite it (use --force to replace it)").ConfigureAwait(false);
                return XshardApp.Failed;
            }
        }

        try
        {
            using var identity = NodeIdentity.Generate(request.Algorithm);
            NodeKeyFile.Write(request.KeyPath, identity, request.Force);
            if (request.PublicKeyPath is { } publicPath)
            {
                PublicKeyFile.Write(publicPath, identity.PublicKey, request.Force);
            }

            await output.WriteLineAsync(identity.PublicKey.ToText()).ConfigureAwait(false);
            return XshardApp.Ok;
        }
        catch (KeyFileException e)
        {
            await error.WriteLineAsync($"xshard: {e.Message.ReplaceLineEndings(" ")}").ConfigureAwait(false);
            return XshardApp.Failed;
        }
    }

    private sealed record KeygenRequest(string KeyPath, string? PublicKeyPath, SignatureAlgorithm Algorithm, bool Force)
    {
        public IEnumerable<string> Paths => PublicKeyPath is null ? [KeyPath] : [KeyPath, PublicKeyPath];
    }
}
