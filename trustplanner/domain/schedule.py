"""Finish-to-start dependencies between milestones: validity, knock-on and the critical path.

Milestones are points in time, so "finish-to-start" means a dependant may not fall before
the milestone it depends on. A later forecast for a predecessor therefore *pushes* dependants
that would otherwise come first; that knock-on is computed and reported, never applied silently.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from trustplanner.domain.calendar import working_days_between
from trustplanner.domain.model import Milestone


@dataclass(frozen=True)
class UnknownDependency:
    ref: str
    missing: str


@dataclass(frozen=True)
class KnockOn:
    """A milestone whose forecast must move because a predecessor now finishes later."""

    ref: str
    forecast: date
    pushed_to: date
    caused_by: str

    @property
    def days(self) -> int:
        return working_days_between(self.forecast, self.pushed_to)


@dataclass(frozen=True)
class PathStep:
    ref: str
    date: date
    float_days: int  # working days of slack to the next step on the path (0 = driving)


def unknown_dependencies(milestones: Iterable[Milestone]) -> list[UnknownDependency]:
    by_ref = {m.ref for m in milestones}
    return [
        UnknownDependency(m.ref, dep)
        for m in sorted(milestones, key=lambda m: m.ref)
        for dep in m.depends_on
        if dep not in by_ref
    ]


def find_cycles(depends_on: Mapping[str, Iterable[str]]) -> list[list[str]]:
    """Every dependency cycle, each as a ref list starting from its smallest ref.

    Self-dependencies count as a cycle of one. Unknown refs are ignored here.
    """
    graph = {ref: [d for d in deps if d in depends_on] for ref, deps in depends_on.items()}
    if _is_acyclic(graph):  # the usual case, settled in one cheap pass
        return []
    for deps in graph.values():
        deps.sort()
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    components: list[list[str]] = []
    counter = 0

    # Iterative Tarjan, so long chains do not hit the recursion limit.
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(graph[root]))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            advanced = False
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(graph[child])))
                    advanced = True
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            if advanced:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1 or node in graph[node]:
                    components.append(_cycle_order(component, graph))
    return sorted(components)


def _is_acyclic(graph: Mapping[str, list[str]]) -> bool:
    """Kahn's algorithm: True when every node can be peeled off with nothing left depending on it
    (a self-dependency or any loop leaves nodes behind)."""
    waiting = dict.fromkeys(graph, 0)
    for deps in graph.values():
        for dep in deps:
            waiting[dep] += 1
    ready = [node for node, count in waiting.items() if count == 0]
    peeled = 0
    while ready:
        node = ready.pop()
        peeled += 1
        for dep in graph[node]:
            waiting[dep] -= 1
            if waiting[dep] == 0:
                ready.append(dep)
    return peeled == len(graph)


def _cycle_order(component: list[str], graph: Mapping[str, list[str]]) -> list[str]:
    """Walk one cycle through the component so the message reads A -> B -> A."""
    members = set(component)
    start = min(component)
    path = [start]
    seen = {start}
    node = start
    while True:
        nxt = next((d for d in graph[node] if d in members and d not in seen), None)
        if nxt is None:
            return path
        path.append(nxt)
        seen.add(nxt)
        node = nxt


def describe_cycle(cycle: list[str]) -> str:
    return " -> ".join([*cycle, cycle[0]])


def topological_order(milestones: Iterable[Milestone]) -> list[str]:
    """Refs ordered so every milestone comes after those it depends on (cycles must be absent)."""
    by_ref = {m.ref: m for m in milestones}
    order: list[str] = []
    state: dict[str, int] = {}
    for root in sorted(by_ref):
        if root in state:
            continue
        work = [(root, iter(sorted(d for d in by_ref[root].depends_on if d in by_ref)))]
        state[root] = 1
        while work:
            node, deps = work[-1]
            for dep in deps:
                if dep not in state:
                    state[dep] = 1
                    work.append((dep, iter(sorted(d for d in by_ref[dep].depends_on if d in by_ref))))
                    break
            else:
                work.pop()
                state[node] = 2
                order.append(node)
    return order


def _predecessors_first(by_ref: Mapping[str, Milestone]) -> list[str] | None:
    """Refs with every milestone after those it depends on (Kahn's algorithm, no sorting), or
    ``None`` when a cycle leaves some unordered."""
    waiting: dict[str, int] = {}
    dependants: dict[str, list[str]] = {}
    for ref, milestone in by_ref.items():
        count = 0
        for dep in milestone.depends_on:
            if dep in by_ref:
                dependants.setdefault(dep, []).append(ref)
                count += 1
        waiting[ref] = count
    ready = [ref for ref, count in waiting.items() if count == 0]
    order: list[str] = []
    while ready:
        ref = ready.pop()
        order.append(ref)
        for dependant in dependants.get(ref, ()):
            waiting[dependant] -= 1
            if waiting[dependant] == 0:
                ready.append(dependant)
    return order if len(order) == len(by_ref) else None


def knock_on(milestones: Iterable[Milestone]) -> list[KnockOn]:
    """Open milestones that would fall before a predecessor, with the date they are pushed to.

    Pushes propagate: a pushed milestone pushes its own dependants in turn. Completed
    milestones never move. Requires an acyclic graph.
    """
    by_ref = {m.ref: m for m in milestones}
    when: dict[str, date] = {}
    pushes: list[KnockOn] = []
    # Any order with predecessors first gives the same dates; the cheap one when there is one.
    order = _predecessors_first(by_ref)
    for ref in order if order is not None else topological_order(by_ref.values()):
        milestone = by_ref[ref]
        own = milestone.effective_date
        latest, cause = own, ""
        if milestone.actual is None:
            for dep in milestone.depends_on:
                if dep in when and when[dep] > latest:
                    latest, cause = when[dep], dep
        when[ref] = latest
        if latest != own:
            pushes.append(KnockOn(ref, milestone.forecast, latest, cause))
    return sorted(pushes, key=lambda k: k.ref)


def critical_path(milestones: Iterable[Milestone], target: str) -> list[PathStep]:
    """The chain of driving predecessors that ends at ``target``, earliest first.

    At each step back the predecessor with the latest date drives the next one; its float is
    the working days between them (0 means any slip moves the target).
    """
    by_ref = {m.ref: m for m in milestones}
    steps: list[PathStep] = []
    node = by_ref[target]
    next_date: date | None = None
    seen: set[str] = set()
    while node is not None and node.ref not in seen:
        seen.add(node.ref)
        slack = 0 if next_date is None else max(0, working_days_between(node.effective_date, next_date))
        steps.append(PathStep(node.ref, node.effective_date, slack))
        next_date = node.effective_date
        preds = [by_ref[d] for d in node.depends_on if d in by_ref]
        node = max(preds, key=lambda m: (m.effective_date, m.ref), default=None)
    steps.reverse()
    return steps


@dataclass(frozen=True)
class GoLiveOutlook:
    """Whether go-live on its date is achievable, from the chain that drives the go-live milestone.

    ``through`` is the open predecessor that finishes last (None when nothing open precedes it);
    ``float_days`` the working days it can slip and still finish before go-live; ``late_days`` how
    many working days after go-live it (or the go-live milestone itself) finishes.
    """

    target: str
    go_live: date
    on_track: bool
    through: str | None
    float_days: int = 0
    late_days: int = 0
    complete: bool = False


def go_live_outlook(milestones: Iterable[Milestone], target: str, go_live: date) -> GoLiveOutlook:
    items = list(milestones)
    by_ref = {m.ref: m for m in items}
    goal = by_ref[target]
    if goal.actual is not None:
        return GoLiveOutlook(target, go_live, True, None, complete=True)
    if goal.forecast > go_live:  # the go-live milestone itself is forecast late
        return GoLiveOutlook(target, go_live, False, target, late_days=working_days_between(go_live, goal.forecast))
    steps = [s for s in critical_path(items, target)[:-1] if by_ref[s.ref].actual is None]
    if not steps:
        return GoLiveOutlook(target, go_live, True, None,
                             float_days=max(0, working_days_between(goal.forecast, go_live)))
    driving = steps[-1]
    if driving.date < go_live:
        return GoLiveOutlook(target, go_live, True, driving.ref,
                             float_days=max(0, working_days_between(driving.date, go_live) - 1))
    return GoLiveOutlook(target, go_live, False, driving.ref, late_days=working_days_between(go_live, driving.date))
