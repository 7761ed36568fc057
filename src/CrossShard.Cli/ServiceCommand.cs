using System.CommandLine;

namespace CrossShard.Cli;

/// <summary>
/// A command that runs until SIGINT or SIGTERM and shuts itself down in order (<c>node</c>, <c>cluster up</c>): the
/// parser's own termination handling, which gives an action two seconds, is turned off for it.
/// </summary>
internal sealed class ServiceCommand(string name, string description) : Command(name, description);
