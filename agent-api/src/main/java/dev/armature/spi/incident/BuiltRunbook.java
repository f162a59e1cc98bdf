package dev.armature.spi.incident;

import java.util.List;

/** The one implementation of {@link Runbook}, made by its builder once the runbook passed its checks. */
record BuiltRunbook(String name, List<Binding> bindings, List<RunbookStep> steps) implements Runbook {
    @Override
    public String toString() {
        return "Runbook[" + name + ", " + steps.size() + " steps]";
    }
}
