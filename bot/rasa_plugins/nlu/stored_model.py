"""What our trainable components share: one model, created from the config, saved in and loaded from the
component's Rasa resource."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any, ClassVar, Protocol, TypeVar

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage

Component = TypeVar("Component", bound="StoredModelComponent")


def files_fingerprint(files: Iterable[Path]) -> str:
    """For a component's `fingerprint_addon`: Rasa's training cache keys a component by its class name and config
    only, so hashing the files a model is made from (its code, its data) retrains it when one changes instead of
    restoring the old model."""
    return hashlib.sha256(b"".join(path.read_bytes() for path in files if path.is_file())).hexdigest()


class StoredModel(Protocol):
    """A model made from a component's config, saved to and loaded from a folder."""

    def __init__(self, config: dict[str, Any]) -> None: ...
    def save(self, folder: Path) -> None: ...
    @classmethod
    def load(cls, folder: Path, config: dict[str, Any]) -> Any: ...


class StoredModelComponent(GraphComponent):  # type: ignore[misc]
    """A graph component holding one `model_type` model; `store` saves it after training."""

    model_type: ClassVar[type[StoredModel]]

    def __init__(self, config: dict[str, Any], model_storage: ModelStorage, resource: Resource, model: Any) -> None:
        self.config, self.model = config, model
        self._storage, self._resource = model_storage, resource

    @classmethod
    def create(
        cls: type[Component],
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> Component:
        return cls(config, model_storage, resource, cls.model_type(config))

    @classmethod
    def load(
        cls: type[Component],
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> Component:
        with model_storage.read_from(resource) as folder:
            return cls(config, model_storage, resource, cls.model_type.load(folder, config))

    def store(self) -> Resource:
        """Saves the trained model in the component's resource, which `train` returns."""
        with self._storage.write_to(self._resource) as folder:
            self.model.save(folder)
        return self._resource
