package dev.rotation.app;

import dev.rotation.model.cli.CommandErrors;
import dev.rotation.model.cli.UserError;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/**
 * {@code rotation-detector bench}: listed here so that {@code --help} shows it. The harness is a
 * module of its own ({@code benchmarks/}, not in this jar): the {@code ./rotation-detector}
 * launcher hands {@code bench ...} to {@code benchmarks/run.sh}, which builds and runs it. Reached
 * through the jar directly, the command says so in one line.
 */
@Command(
        name = "bench",
        description = {
            "Run the benchmark harness and the JMH serde benchmarks from a source checkout "
                    + "(benchmarks/run.sh; results and method in docs/benchmarks.md). `./rotation-detector bench --help` lists "
                    + "its flags."
        })
public final class BenchCommand implements Callable<Integer> {

    /** Everything after {@code bench}: the launcher passes it to benchmarks/run.sh. */
    @Unmatched List<String> harnessArgs = new ArrayList<>();

    @Override
    public Integer call() {
        throw new UserError(
                "The benchmarks are not part of this jar: run ./rotation-detector bench"
                        + argsText()
                        + " from the source checkout (it runs benchmarks/run.sh; see docs/benchmarks.md).",
                CommandErrors.EXIT_USAGE);
    }

    private String argsText() {
        return harnessArgs.isEmpty() ? "" : " " + String.join(" ", harnessArgs);
    }
}
