package org.neutrino.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.function.Supplier;
import org.neutrino.linux.Executor;
import org.neutrino.linux.ProcessExecutor;

/**
 * What the commands take from the machine, given to them through their constructors so that
 * tests can replace it: the JSON mapper, how to get an {@link Executor} for a root helper
 * ({@code [AGENT] root_helper} syntax), the machine's host name, and the environment variables
 * ({@code OS_*}, {@code HOME}).
 */
public record CliEnvironment(ObjectMapper json, Function<String, Executor> executors,
                             Supplier<String> machineHostName, Function<String, String> variables) {
    private static final Path KERNEL_HOSTNAME = Path.of("/proc/sys/kernel/hostname");

    /** An environment without variables. */
    public CliEnvironment(ObjectMapper json, Function<String, Executor> executors, Supplier<String> machineHostName) {
        this(json, executors, machineHostName, name -> null);
    }

    /** The real machine: processes through {@link ProcessExecutor}, the kernel's host name, the process's variables. */
    public static CliEnvironment system() {
        return new CliEnvironment(new ObjectMapper(), ProcessExecutor::forRootHelper, CliEnvironment::kernelHostName,
                System::getenv);
    }

    /** The host name as Neutron's agents take it ({@code socket.gethostname()}). */
    static String kernelHostName() {
        try {
            String name = Files.readString(KERNEL_HOSTNAME).strip();
            if (!name.isEmpty()) {
                return name;
            }
        } catch (IOException e) {
            // not Linux: ask the JDK
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            throw new CliException("cannot tell this machine's host name; give --host", e);
        }
    }
}
