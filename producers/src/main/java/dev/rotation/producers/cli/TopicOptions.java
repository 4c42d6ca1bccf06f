package dev.rotation.producers.cli;

import dev.rotation.producers.publish.TopicSetup;
import picocli.CommandLine.Option;

/**
 * Options every produce subcommand shares besides the connection: which topics, and whether to
 * create them.
 */
public final class TopicOptions {

    @Option(
            names = "--topic-prefix",
            paramLabel = "PREFIX",
            defaultValue = "",
            description = "Prefix of every topic name (default: none).")
    String topicPrefix;

    @Option(
            names = "--partitions",
            paramLabel = "N",
            defaultValue = "" + TopicSetup.DEFAULT_PARTITIONS,
            description =
                    "Partitions of the topics created when absent (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(
            names = "--create-topics",
            negatable = true,
            defaultValue = "true",
            fallbackValue = "true",
            description =
                    "Create the input and dead-letter topics when absent (default: ${DEFAULT-VALUE}).")
    boolean createTopics;
}
