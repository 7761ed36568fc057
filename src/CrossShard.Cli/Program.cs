using CrossShard.Cli;

return await XshardApp.RunAsync(args, Console.Out, Console.Error).ConfigureAwait(false);
