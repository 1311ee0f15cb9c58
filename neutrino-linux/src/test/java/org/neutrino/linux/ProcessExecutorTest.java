package org.neutrino.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Runs real, harmless processes (sh, cat, env): no root needed. */
class ProcessExecutorTest {
    private final ProcessExecutor executor = new ProcessExecutor(RootHelper.none());

    @Test
    void returnsExitCodeStdoutAndStderr() {
        CommandResult result = executor.execute(Command.of("sh", "-c", "echo out; echo err >&2; exit 3"));
        assertThat(result).isEqualTo(new CommandResult(3, "out\n", "err\n"));
    }

    @Test
    void writesStdin() {
        assertThat(executor.check(Command.of("cat").withStdin("line 1\nline 2\n")).stdout()).isEqualTo("line 1\nline 2\n");
    }

    @Test
    void checkThrowsWithArgvExitCodeAndStderr() {
        assertThatThrownBy(() -> executor.check("sh", "-c", "echo nope >&2; exit 2"))
                .isInstanceOfSatisfying(CommandFailedException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(2);
                    assertThat(e.stderr()).isEqualTo("nope\n");
                    assertThat(e.argv()).containsExactly("sh", "-c", "echo nope >&2; exit 2");
                });
    }

    @Test
    void extraOkExitCodesPassCheck() {
        assertThat(executor.check(Command.of("sh", "-c", "exit 1").allowingExitCodes(1)).exitCode()).isEqualTo(1);
    }

    @Test
    void missingProgramIsExitCode127() {
        assertThat(executor.execute(Command.of("/nonexistent/neutrino-no-such-program")).exitCode())
                .isEqualTo(ProcessExecutor.NOT_STARTED);
    }

    @Test
    void commandPastTheTimeoutIsKilled() {
        ProcessExecutor impatient = new ProcessExecutor(RootHelper.none(), Duration.ofMillis(200));
        long start = System.nanoTime();
        assertThat(impatient.execute(Command.of("sleep", "30")).exitCode()).isEqualTo(ProcessExecutor.TIMED_OUT);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void rootHelperPrefixesEveryCommand() {
        ProcessExecutor withHelper = ProcessExecutor.forRootHelper("env NEUTRINO_HELPER=yes");
        assertThat(withHelper.check("printenv", "NEUTRINO_HELPER").stdout()).isEqualTo("yes\n");
    }

    @Test
    void countsSpawns() {
        long before = executor.spawnCount();
        executor.execute(Command.of("true"));
        executor.execute(Command.of("false"));
        assertThat(executor.spawnCount()).isEqualTo(before + 2);
    }

    @Test
    void startedProcessStreamsStdoutAndIsKilledByPid() throws Exception {
        RunningProcess process = executor.start(Command.of("sh", "-c", "echo ready; exec sleep 30"));
        BufferedReader reader = new BufferedReader(new InputStreamReader(process.stdout(), StandardCharsets.UTF_8));
        assertThat(reader.readLine()).isEqualTo("ready");
        assertThat(ProcessHandle.of(process.pid())).isPresent();
        process.close();
        assertThat(process.isAlive()).isFalse();
    }
}
