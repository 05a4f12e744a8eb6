using DipTrader.Cli;

return await DipTraderCli.RunAsync(args, new CliConsole(Console.In, Console.Out, Console.Error));
