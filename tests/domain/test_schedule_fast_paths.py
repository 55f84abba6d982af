"""The cheap paths in find_cycles and knock_on give exactly what the general algorithms give.

``find_cycles`` settles acyclic graphs with one linear pass before Tarjan, and ``knock_on``
walks milestones in a Kahn order rather than the sorted depth-first ``topological_order``.
The references below are the general algorithms as they were before those fast paths.
"""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from trustplanner.domain.enums import Stage
from trustplanner.domain.model import Milestone
from trustplanner.domain.schedule import (
    KnockOn,
    _cycle_order,
    find_cycles,
    knock_on,
    topological_order,
)


def reference_find_cycles(depends_on):
    graph = {ref: sorted(d for d in deps if d in depends_on) for ref, deps in depends_on.items()}
    index, low, on_stack, stack, components, counter = {}, {}, set(), [], [], 0
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


def reference_knock_on(milestones):
    by_ref = {m.ref: m for m in milestones}
    when, pushes = {}, []
    for ref in topological_order(by_ref.values()):
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


REFS = [f"M{i:02d}" for i in range(14)]

graphs = st.dictionaries(
    st.sampled_from(REFS),
    st.lists(st.sampled_from(REFS + ["UNKNOWN"]), max_size=4),
    min_size=1,
)


def acyclic(graph):
    """Keep only links to refs earlier in the list (and not to itself): no cycles."""
    return {ref: [d for d in deps if d < ref or d not in graph] for ref, deps in graph.items()}


@settings(max_examples=300, deadline=None)
@given(graphs)
def test_find_cycles_matches_the_general_algorithm(graph):
    assert find_cycles(graph) == reference_find_cycles(graph)
    assert find_cycles(acyclic(graph)) == reference_find_cycles(acyclic(graph)) == []


def milestones_from(graph, data):
    start = date(2017, 1, 2)
    result = []
    for ref, deps in graph.items():
        forecast = start + timedelta(days=data.draw(st.integers(0, 60)))
        actual = data.draw(st.sampled_from([None, None, forecast, forecast - timedelta(days=3)]))
        result.append(Milestone(ref=ref, title=ref, workstream="Finance", stage=Stage.SHADOW, baseline=forecast,
                                forecast=forecast, actual=actual, depends_on=tuple(deps)))
    return result


@settings(max_examples=300, deadline=None)
@given(graphs, st.data())
def test_knock_on_matches_the_general_algorithm_with_or_without_cycles(graph, data):
    for shape in (graph, acyclic(graph)):
        milestones = milestones_from(shape, data)
        assert knock_on(milestones) == reference_knock_on(milestones)


def test_a_long_chain_is_pushed_all_the_way():
    day = date(2017, 1, 2)
    chain = [Milestone(ref=f"C{i:05d}", title="", workstream="Finance", stage=Stage.SHADOW, baseline=day,
                       forecast=day + timedelta(days=30 if i == 0 else 0),
                       depends_on=(f"C{i - 1:05d}",) if i else ()) for i in range(5000)]
    pushes = knock_on(chain)
    assert len(pushes) == 4999
    assert pushes == reference_knock_on(chain)
