package org.neutrino.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything the generated commands of one resource need, declared once: {@code net-create},
 * {@code net-list}, {@code net-show}, {@code net-update} and {@code net-delete} come from the
 * prefix {@code net}, the {@link ResourceType}, the columns of the list, the positional arguments
 * of create and the options; {@code actions} are the resource's further commands
 * ({@code router-gateway-set}, ...); {@code createDefaults} are sent by {@code -create} unless an
 * option or argument sets them.
 */
public record ResourceDeclaration(String prefix, ResourceType type, Set<Operation> operations,
                                  List<String> listColumns, List<Argument> createArguments,
                                  List<AttributeOption> options, List<Action> actions,
                                  Map<String, JsonNode> createDefaults) {
    /** The generated commands. */
    public enum Operation { CREATE, LIST, SHOW, UPDATE, DELETE }

    public ResourceDeclaration {
        operations = Set.copyOf(operations);
        listColumns = List.copyOf(listColumns);
        createArguments = List.copyOf(createArguments);
        options = List.copyOf(options);
        actions = List.copyOf(actions);
        createDefaults = Map.copyOf(createDefaults);
    }

    /** {@code prefix-create/-list/-show/-update/-delete} of {@code type}, listing {@code columns}. */
    public static ResourceDeclaration of(String prefix, ResourceType type, String... columns) {
        return new ResourceDeclaration(prefix, type, EnumSet.allOf(Operation.class), List.of(columns), List.of(),
                List.of(), List.of(), Map.of());
    }

    /** Only these generated commands. */
    public ResourceDeclaration only(Operation first, Operation... rest) {
        return new ResourceDeclaration(prefix, type, EnumSet.of(first, rest), listColumns, createArguments, options,
                actions, createDefaults);
    }

    /** None of the generated commands: the resource has only its actions ({@code quota-show}, ...). */
    public ResourceDeclaration actionsOnly() {
        return new ResourceDeclaration(prefix, type, EnumSet.noneOf(Operation.class), listColumns, createArguments,
                options, actions, createDefaults);
    }

    /** The positional arguments of {@code -create}. */
    public ResourceDeclaration createArguments(Argument... arguments) {
        return new ResourceDeclaration(prefix, type, operations, listColumns, List.of(arguments), options, actions, createDefaults);
    }

    /** The options, each on the commands its {@link AttributeOption#verbs()} say. */
    public ResourceDeclaration options(AttributeOption... more) {
        List<AttributeOption> all = new ArrayList<>(options);
        all.addAll(List.of(more));
        return new ResourceDeclaration(prefix, type, operations, listColumns, createArguments, all, actions, createDefaults);
    }

    /** Further commands of the resource. */
    public ResourceDeclaration actions(Action... more) {
        List<Action> all = new ArrayList<>(actions);
        all.addAll(List.of(more));
        return new ResourceDeclaration(prefix, type, operations, listColumns, createArguments, options, all, createDefaults);
    }

    /** {@code -create} sends {@code attribute} as {@code value} unless an option sets it ({@code ip_version} 4). */
    public ResourceDeclaration createDefault(String attribute, JsonNode value) {
        Map<String, JsonNode> all = new java.util.LinkedHashMap<>(createDefaults);
        all.put(attribute, value);
        return new ResourceDeclaration(prefix, type, operations, listColumns, createArguments, options, actions, all);
    }

    /** The name of the generated command for {@code operation}: {@code net-create}. */
    public String commandName(Operation operation) {
        return prefix + "-" + operation.name().toLowerCase(java.util.Locale.ROOT);
    }
}
