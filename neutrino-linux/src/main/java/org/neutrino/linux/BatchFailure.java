package org.neutrino.linux;

/** One line of a batch that failed: its 1-based number, its text and the tool's message. */
public record BatchFailure(int lineNumber, String line, String message) {
}
