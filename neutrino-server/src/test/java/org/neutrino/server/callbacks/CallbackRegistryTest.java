package org.neutrino.server.callbacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neutrino.lib.context.RequestContext;
import org.neutrino.lib.exceptions.NeutronException;

class CallbackRegistryTest {
    private final CallbackRegistry registry = new CallbackRegistry();
    private final List<String> calls = new ArrayList<>();

    private static ResourceEvent event(Event event) {
        return ResourceEvent.of(Resources.SUBNET, event, RequestContext.admin("req-1"), "s1", Map.of("id", "s1"), null);
    }

    @Test
    void subscribersOfAnEventRunInSubscriptionOrderAndOthersDoNot() {
        registry.subscribe(Resources.SUBNET, Event.BEFORE_DELETE, e -> calls.add("first " + e.resourceId()));
        registry.subscribe(Resources.SUBNET, Event.BEFORE_DELETE, e -> calls.add("second"));
        registry.subscribe(Resources.SUBNET, Event.AFTER_DELETE, e -> calls.add("after"));
        registry.subscribe(Resources.PORT, Event.BEFORE_DELETE, e -> calls.add("port"));

        registry.publish(event(Event.BEFORE_DELETE));

        assertThat(calls).containsExactly("first s1", "second");
        assertThat(registry.hasSubscribers(Resources.SUBNET, Event.AFTER_DELETE)).isTrue();
        assertThat(registry.hasSubscribers(Resources.SUBNET, Event.AFTER_CREATE)).isFalse();
    }

    @Test
    void aBeforeCallbackRefusesAndStopsTheOthers() {
        registry.subscribe(Resources.SUBNET, Event.BEFORE_DELETE, e -> {
            throw NeutronException.conflict("SubnetInUse", "in use by a router");
        });
        registry.subscribe(Resources.SUBNET, Event.BEFORE_DELETE, e -> calls.add("second"));

        assertThatThrownBy(() -> registry.publish(event(Event.BEFORE_DELETE)))
                .isInstanceOf(NeutronException.class).hasMessage("in use by a router");
        assertThat(calls).isEmpty();
    }

    @Test
    void anAfterCallbackThatFailsIsLoggedAndTheOthersStillRun() {
        registry.subscribe(Resources.SUBNET, Event.AFTER_DELETE, e -> {
            throw new IllegalStateException("notifier down");
        });
        registry.subscribe(Resources.SUBNET, Event.AFTER_DELETE, e -> calls.add("second"));

        registry.publish(event(Event.AFTER_DELETE));

        assertThat(calls).containsExactly("second");
    }

    @Test
    void precommitEventsCarryTheTransactionAndOthersMayNot() {
        assertThatThrownBy(() -> ResourceEvent.of(Resources.PORT, Event.PRECOMMIT_CREATE, RequestContext.admin("r"), "p", null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(Event.PRECOMMIT_UPDATE.inTransaction()).isTrue();
        assertThat(Event.AFTER_UPDATE.canRefuse()).isFalse();
        assertThat(Event.BEFORE_UPDATE.canRefuse()).isTrue();
    }
}
