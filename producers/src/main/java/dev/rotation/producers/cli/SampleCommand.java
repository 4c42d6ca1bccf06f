package dev.rotation.producers.cli;

import dev.rotation.model.cli.ConnectionOptions;
import dev.rotation.producers.sample.SampleData;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.avro.specific.SpecificRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code produce sample}: publishes the bundled sample data in event-time order. */
@Command(
        name = "sample",
        mixinStandardHelpOptions = true,
        description =
                "Publish the bundled sample: the seed week's real CoinShares flows, real daily prices and metal "
                        + "points, and labelled illustrative baselines and volumes (see docs/producers.md).")
public final class SampleCommand implements Callable<Integer> {

    @ParentCommand ProduceCommand parent;

    @Spec CommandSpec spec;

    @Mixin ConnectionOptions connection;

    @Mixin TopicOptions topics;

    @Override
    public Integer call() {
        List<SpecificRecord> events = SampleData.load();
        return ProduceCommand.publish(
                spec,
                connection,
                topics,
                parent.env(),
                events.iterator(),
                events.size(),
                0,
                null,
                List.of());
    }
}
