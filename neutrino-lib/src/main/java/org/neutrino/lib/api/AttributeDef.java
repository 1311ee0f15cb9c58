package org.neutrino.lib.api;

import java.util.Objects;

/**
 * One attribute of a resource, as Neutron's attribute maps describe it: whether a client may
 * set it on create or update, its default, how its value is converted and validated, and
 * whether it is shown, filterable and sortable.
 *
 * @param name          the JSON name
 * @param allowPost     settable on create
 * @param allowPut      settable on update
 * @param defaultValue  the value when absent on create; {@link #NO_DEFAULT} makes a POST
 *                      attribute required
 * @param converter     turns client JSON (or a query-string value) into the canonical value
 * @param validator     checks the converted value; {@code null} accepts anything
 * @param visible       shown in responses
 * @param filterable    usable as a list filter
 * @param sortable      usable as a {@code sort_key}
 * @param enforcePolicy a per-attribute policy rule ({@code create_port:mac_address}) applies
 */
public record AttributeDef(String name, boolean allowPost, boolean allowPut, Object defaultValue,
                           Converter converter, Validator validator, boolean visible,
                           boolean filterable, boolean sortable, boolean enforcePolicy) {

    /** Marks an attribute without default: required on POST when {@code allowPost}. */
    public static final Object NO_DEFAULT = new Object() {
        @Override
        public String toString() {
            return "<no default>";
        }
    };

    /**
     * Marks an optional attribute whose absence the plugin interprets itself (Neutron's
     * {@code ATTR_NOT_SPECIFIED}, e.g. a subnet's {@code gateway_ip}): it is left out of the
     * create body instead of being filled.
     */
    public static final Object UNSET = new Object() {
        @Override
        public String toString() {
            return "<unset>";
        }
    };

    public AttributeDef {
        Objects.requireNonNull(name);
        Objects.requireNonNull(converter);
    }

    /** Whether a create request must carry this attribute. */
    public boolean required() {
        return allowPost && defaultValue == NO_DEFAULT;
    }

    /** Starts the definition of an attribute named {@code name}. */
    public static Builder of(String name) {
        return new Builder(name);
    }

    /** Fluent construction, because most attributes set only a few of the ten properties. */
    public static final class Builder {
        private final String name;
        private boolean allowPost;
        private boolean allowPut;
        private Object defaultValue = NO_DEFAULT;
        private Converter converter = Converter.IDENTITY;
        private Validator validator;
        private boolean visible = true;
        private boolean filterable;
        private boolean sortable;
        private boolean enforcePolicy;

        private Builder(String name) {
            this.name = name;
        }

        public Builder post() {
            allowPost = true;
            return this;
        }

        public Builder put() {
            allowPut = true;
            return this;
        }

        public Builder postPut() {
            return post().put();
        }

        public Builder defaultValue(Object value) {
            defaultValue = value;
            return this;
        }

        public Builder convert(Converter value) {
            converter = value;
            return this;
        }

        public Builder validate(Validator value) {
            validator = value;
            return this;
        }

        public Builder hidden() {
            visible = false;
            return this;
        }

        public Builder filter() {
            filterable = true;
            return this;
        }

        public Builder sort() {
            sortable = true;
            return this;
        }

        /** Filterable and sortable: the common case for scalar columns. */
        public Builder query() {
            return filter().sort();
        }

        public Builder policy() {
            enforcePolicy = true;
            return this;
        }

        public AttributeDef build() {
            return new AttributeDef(name, allowPost, allowPut, defaultValue, converter, validator,
                    visible, filterable, sortable, enforcePolicy);
        }
    }
}
