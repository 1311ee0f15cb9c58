package org.neutrino.linux;

/** A rule {@code -A <fromChain> -j <toChain>} from a built-in chain into an agent-owned one, kept exactly once. */
public record IptablesJump(String fromChain, String toChain) {
    public IptablesJump {
        IptablesTable.requireChainName(fromChain);
        IptablesTable.requireChainName(toChain);
    }

    /** The rule as {@code iptables-save} prints it. */
    String rule() {
        return "-A " + fromChain + " -j " + toChain;
    }
}
