package io.gatehouse.cli.commands;

import io.gatehouse.cli.CliContext;
import io.gatehouse.cli.GatehouseCommand;
import io.gatehouse.cli.output.ResultPrinter;
import picocli.CommandLine.ParentCommand;

/** A group of subcommands ({@code gatehouse identities …}): reaches the global options' context through its parent. */
abstract class CommandGroup {

    @ParentCommand
    private GatehouseCommand root;

    protected CliContext context() {
        return root.context();
    }

    protected ResultPrinter printer() {
        return context().printer();
    }
}
