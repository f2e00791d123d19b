"""`--engine ray`: the same items and the same worker code on a Ray cluster (or a local Ray instance).

Ray is imported only here and only when asked for (`pip install 'align[ray]'`). Each Ray actor is one `Worker`:
it loads the model once and runs items sent to it; results come back to the driver (the `align batch` process),
which writes every output into --out-dir, so outputs and summary are byte for byte those of `--engine local`
(the per-item code, the embedding of each text and the rendering are the same; only timings differ).

Running on a real cluster
-------------------------
1. On every node, the same environment: ``pip install torch==2.13.0 && pip install 'align[ray]'`` (same versions
   everywhere, or results may differ), with the same Python as the driver.
2. Start Ray: on the head node ``ray start --head --port=6379``; on each other node
   ``ray start --address=HEAD_IP:6379``. (Or use a Kubernetes/KubeRay or cloud launcher cluster; anything
   `ray.init(address=...)` can reach works.)
3. Put the inputs where every node sees them at the same path (NFS, a shared volume), and run the driver from that
   shared folder, because workers change to the driver's working folder and read the manifest's paths from there:
   ``align batch pairs.tsv --out-dir results --engine ray --ray-address HEAD_IP:6379`` (or ``--ray-address auto``
   on a cluster node). Outputs are written by the driver only, so --out-dir may be local to it.
4. `--workers` is the number of actors (default: every CPU the cluster has); each takes one CPU and runs its model
   on one thread, so the work spreads over nodes by actors rather than threads.
5. The embedding cache stays per node on local disk (``~/.cache/align/vectors.sqlite``, or
   ``$ALIGN_CACHE_DIR``): SQLite must not sit on a network filesystem. Set ``ALIGN_NO_CACHE=1`` in the driver's
   environment or pass ``--no-cache`` to turn it off everywhere.

A rerun skips items whose output exists, exactly as with the local engine, so a lost driver or cluster costs only
the items in flight.
"""

from __future__ import annotations

import re
import socket
from dataclasses import replace
from typing import Any

from align.batch.local import WORKER_DIED, OnOutcome
from align.batch.manifest import Item
from align.batch.tasks import Outcome, TaskSettings, Worker, configure_process, thread_environment
from align.errors import AlignError

RAY_MISSING = "--engine ray needs Ray, which is not installed: pip install 'align[ray]' (or pip install 'ray>=2')"


class RayWorker:
    """The actor body: one Worker per actor, built when the actor starts."""

    def __init__(self, settings: TaskSettings) -> None:
        configure_process(settings)
        self._error: str | None = None
        self._worker: Worker | None = None
        try:
            self._worker = Worker(settings)
        except Exception as exc:
            self._error = str(exc) if isinstance(exc, AlignError) else f"{type(exc).__name__}: {exc}"

    def ready(self) -> str | None:
        return self._error

    def run(self, item: Item) -> Outcome:
        assert self._worker is not None
        return self._worker.run(item)


def import_ray() -> Any:
    try:
        import ray
    except ImportError:
        raise AlignError(RAY_MISSING) from None
    return ray


def check_reachable(address: str) -> None:
    """Ray waits minutes for an unreachable head node; a plain HOST:PORT is tried first for a prompt error."""
    match = re.fullmatch(r"\[?([\w.:-]+?)\]?:(\d+)", address)
    if match is None:  # "auto", "ray://...", "local": left to Ray
        return
    try:
        socket.create_connection((match.group(1), int(match.group(2))), timeout=5).close()
    except OSError as exc:
        raise AlignError(f"cannot reach the Ray cluster at {address}: {exc.strerror or exc}") from None


def run_ray(
    items: list[Item], settings: TaskSettings, workers: int | None, address: str | None, on_outcome: OnOutcome
) -> int:
    """Runs the items on `workers` actors (default: every CPU of the cluster); returns how many actors ran."""
    ray = import_ray()
    started_here = not ray.is_initialized()
    if started_here:
        options: dict[str, Any] = {"log_to_driver": False, "logging_level": "ERROR", "configure_logging": True}
        try:
            if address:
                ray.init(address=address, **options)
            else:
                ray.init(include_dashboard=False, **options)
        except Exception as exc:  # ConnectionError, RuntimeError, ValueError...: one line, exit 2
            where = f"the Ray cluster at {address}" if address else "a local Ray instance"
            raise AlignError(f"cannot start or reach {where}: {type(exc).__name__}: {exc}") from None
    actors: list[Any] = []
    try:
        if not items:
            return 0
        cpus = int(ray.cluster_resources().get("CPU", 1))
        count = max(1, min(workers or cpus, len(items)))
        actor_settings = replace(settings, threads=settings.threads or 1)
        environment = {"env_vars": thread_environment(actor_settings.threads)}
        actor_class = ray.remote(num_cpus=1, runtime_env=environment)(RayWorker)

        def start() -> Any:
            actor = actor_class.remote(actor_settings)
            error = ray.get(actor.ready.remote())
            if error:
                raise AlignError(f"Ray worker could not start: {error}")
            return actor

        actors = [start() for _ in range(count)]
        _schedule(ray, items, actors, start, on_outcome)
        return count
    finally:
        for actor in actors:
            ray.kill(actor)
        if started_here:
            ray.shutdown()


def _schedule(ray: Any, items: list[Item], actors: list[Any], start: Any, on_outcome: OnOutcome) -> None:
    """Two items queued per actor (one running, one ready), refilled as results arrive. A dead actor is replaced
    once nothing is queued on it any more, and its items are retried once, then reported as failed."""
    pending = list(reversed(items))  # pop() takes the next item in manifest order
    in_flight: dict[Any, tuple[Item, int]] = {}  # ref -> (item, actor slot)
    deaths: dict[int, int] = {}
    load = [0] * len(actors)
    dead = [False] * len(actors)

    while pending or in_flight:
        for slot in range(len(actors)):
            while pending and not dead[slot] and load[slot] < 2:
                item = pending.pop()
                in_flight[actors[slot].run.remote(item)] = (item, slot)
                load[slot] += 1
        ready, _ = ray.wait(list(in_flight), num_returns=1)
        item, slot = in_flight.pop(ready[0])
        load[slot] -= 1
        try:
            outcome = ray.get(ready[0])
        except ray.exceptions.RayActorError:
            dead[slot] = True
            deaths[item.index] = deaths.get(item.index, 0) + 1
            if deaths[item.index] >= 2:
                on_outcome(item, Outcome(item.index, None, 0.0, WORKER_DIED))
            else:
                pending.append(item)
            if load[slot] == 0:
                ray.kill(actors[slot])
                actors[slot] = start()
                dead[slot] = False
        except ray.exceptions.RayError as exc:
            on_outcome(item, Outcome(item.index, None, 0.0, f"Ray: {type(exc).__name__}: {exc}"))
        else:
            on_outcome(item, outcome)
