package org.neutrino.fullstack;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the command line of a Neutrino main in its own JVM: this JVM's {@code java}, small-heap
 * options, and the test class path (which holds every module). The project's own jars are
 * copied once into a directory of the run, so that a {@code mvn install} of a module while the
 * test runs cannot change the classes under the processes' feet.
 */
final class JavaLauncher {
    private static final List<String> JVM_OPTIONS = List.of("-Xmx256m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1", "-Xshare:auto");
    private static final String PROJECT_JARS = File.separator + "org" + File.separator + "neutrino" + File.separator;

    private final String classPath;

    private JavaLauncher(String classPath) {
        this.classPath = classPath;
    }

    /** A launcher whose class path is the test's, with the project's jars copied into {@code libDirectory}. */
    static JavaLauncher snapshot(Path libDirectory) {
        List<String> entries = new ArrayList<>();
        try {
            Files.createDirectories(libDirectory);
            int index = 0;
            for (String entry : testClassPath().split(File.pathSeparator)) {
                Path path = Path.of(entry);
                if (entry.contains(PROJECT_JARS) && entry.endsWith(".jar") && Files.isRegularFile(path)) {
                    Path copy = libDirectory.resolve((index++) + "-" + path.getFileName());
                    Files.copy(path, copy, StandardCopyOption.REPLACE_EXISTING);
                    entries.add(copy.toString());
                } else {
                    entries.add(entry);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new JavaLauncher(String.join(File.pathSeparator, entries));
    }

    /** {@code java <options> -cp <class path> mainClass args...}. */
    List<String> command(String mainClass, List<String> args) {
        List<String> argv = new ArrayList<>();
        argv.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        argv.addAll(JVM_OPTIONS);
        argv.addAll(List.of("-cp", classPath, mainClass));
        argv.addAll(args);
        return argv;
    }

    /**
     * The class path of the tests: Surefire keeps it in {@code surefire.test.class.path} (and
     * sets {@code java.class.path} to it in the forked JVM).
     */
    private static String testClassPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }
}
