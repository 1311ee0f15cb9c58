package org.neutrino.linux;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The outcome of one {@code ip -force -batch} (or {@code bridge -force -batch}) run: every
 * line ran, and the failed ones are listed with the tool's message.
 */
public record BatchResult(List<String> argv, List<String> lines, int exitCode, List<BatchFailure> failures) {
    private static final Pattern FAILED = Pattern.compile("^Command failed (\\S+):(\\d+)$");

    public BatchResult {
        argv = List.copyOf(argv);
        lines = List.copyOf(lines);
        failures = List.copyOf(failures);
    }

    /** The result of running nothing. */
    public static BatchResult empty() {
        return new BatchResult(List.of("(nothing to run)"), List.of(), 0, List.of());
    }

    /**
     * Reads the failures from the tool's stderr, where each failed line's messages are
     * followed by {@code Command failed -:<line number>}.
     */
    public static BatchResult parse(List<String> argv, List<String> lines, CommandResult result) {
        List<BatchFailure> failures = new ArrayList<>();
        StringBuilder message = new StringBuilder();
        for (String errorLine : result.stderr().split("\n")) {
            Matcher m = FAILED.matcher(errorLine.strip());
            if (m.matches()) {
                int number = Integer.parseInt(m.group(2));
                String line = number >= 1 && number <= lines.size() ? lines.get(number - 1) : "";
                failures.add(new BatchFailure(number, line, message.toString().strip()));
                message.setLength(0);
            } else if (!errorLine.isBlank()) {
                message.append(errorLine.strip()).append('\n');
            }
        }
        if (failures.isEmpty() && result.exitCode() != 0) {
            failures.add(new BatchFailure(0, "", result.stderr().strip()));
        }
        return new BatchResult(argv, lines, result.exitCode(), failures);
    }

    public boolean succeeded() {
        return failures.isEmpty();
    }

    /** Returns this result when every line succeeded. */
    public BatchResult throwIfFailed() {
        if (!succeeded()) {
            StringBuilder summary = new StringBuilder();
            for (BatchFailure f : failures) {
                summary.append("line ").append(f.lineNumber()).append(" '").append(f.line()).append("': ")
                        .append(f.message()).append("; ");
            }
            throw new CommandFailedException(argv, exitCode == 0 ? 1 : exitCode, summary.toString());
        }
        return this;
    }
}
