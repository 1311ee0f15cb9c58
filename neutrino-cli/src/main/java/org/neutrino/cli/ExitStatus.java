package org.neutrino.cli;

/** The exit statuses of {@code neutrino} (documented in docs/cli.md). */
public final class ExitStatus {
    /** The command did what it was asked. */
    public static final int OK = 0;
    /** The API answered an error (its NeutronError is printed), or a host command failed. */
    public static final int REFUSED = 1;
    /** The command line is wrong: unknown option, missing argument, a value that cannot be parsed. */
    public static final int USAGE = 2;
    /** A name given for a resource matches none, or several, of them. */
    public static final int NAME = 3;
    /** The API or Keystone cannot be reached, the login failed, or the catalog has no network endpoint. */
    public static final int CONNECTION = 4;
    /** {@code neutrino trace} found a broken hop (the trace itself is printed). */
    public static final int BROKEN = 5;

    private ExitStatus() {
    }
}
