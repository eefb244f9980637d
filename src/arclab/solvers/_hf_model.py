"""The transformers side of the `hf` solver: a causal LM and its tokenizer, loaded once; replies.

Importing this module imports torch and transformers. `arclab.solvers.hf` imports it only when an
`hf` solver is built, so the rest of arclab never pays for them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import torch
from transformers import AutoModelForCausalLM, AutoTokenizer, GenerationConfig

from ._prompt import Message
from ._registry import SolverArgumentError, SolverLoadError

_DTYPES: dict[str, torch.dtype] = {"float32": torch.float32, "bfloat16": torch.bfloat16, "float16": torch.float16}


@dataclass(frozen=True, slots=True)
class ModelSettings:
    """Where the model comes from and how it runs (every field is an `hf` solver argument)."""

    name: str
    """A local directory or a hub name (taken from the local hub cache when offline)."""
    device: str
    """'auto' (a GPU when torch sees one, else the CPU), or a torch device such as 'cpu', 'cuda:0'."""
    dtype: str
    """'auto' (float32 on the CPU, the checkpoint's own dtype elsewhere), 'float32', 'bfloat16', 'float16'."""
    template: str
    """'auto' uses the tokenizer's chat template when it has one; 'plain' joins the messages as text."""
    threads: int
    """Torch CPU threads; 0 leaves torch's default."""
    trust_remote_code: bool
    """Let transformers run code shipped with the model (needed by some hub models)."""


@dataclass(frozen=True, slots=True)
class Prompts:
    """One or more prompts as token ids, left-padded to one length."""

    ids: torch.Tensor
    """Token ids, one row per prompt."""
    mask: torch.Tensor
    """1 where `ids` holds a real token, 0 on padding."""


@dataclass(frozen=True, slots=True)
class Reply:
    """One generated continuation and what it cost."""

    text: str
    """The decoded new tokens (special tokens removed)."""
    prompt_tokens: int
    """Tokens in the prompt."""
    completion_tokens: int
    """New tokens generated (padding after the end of a shorter sample not counted)."""


class LocalModel:
    """A causal LM on one device, asked with chat messages."""

    def __init__(self, settings: ModelSettings) -> None:
        self.settings = settings
        self.device = _resolve_device(settings.device)
        if settings.threads > 0:
            torch.set_num_threads(settings.threads)
        self.tokenizer, self.model = _load(settings, self.device)
        self.uses_chat_template = settings.template == "auto" and bool(getattr(self.tokenizer, "chat_template", None))
        if self.tokenizer.pad_token_id is None:
            self.tokenizer.pad_token = self.tokenizer.eos_token
        self.tokenizer.padding_side = "left"  # prompts of a batch end together, where generation starts
        self._pad = self.tokenizer.pad_token_id

    def count_tokens(self, text: str) -> int:
        """How many tokens `text` takes (no special tokens)."""
        return len(self.tokenizer(text, add_special_tokens=False)["input_ids"])

    def encode(self, conversations: Sequence[Sequence[Message]]) -> Prompts:
        """Token ids of each conversation (the chat template's text, else its messages joined), left-padded."""
        if self.uses_chat_template:
            texts = [_chat_text(self.tokenizer, messages) for messages in conversations]
        else:
            texts = ["\n\n".join(m["content"] for m in messages) + "\n" for messages in conversations]
        batch = self.tokenizer(texts, add_special_tokens=not self.uses_chat_template, padding=len(texts) > 1,
                               return_tensors="pt")
        return Prompts(batch["input_ids"].to(self.device), batch["attention_mask"].to(self.device))

    def generate(self, prompts: Prompts, *, samples: int, temperature: float, max_new_tokens: int,
                 seed: int, max_time: float | None) -> tuple[tuple[Reply, ...], ...]:
        """Per prompt, `samples` continuations (greedy when temperature is 0), cut off after `max_time` s."""
        torch.manual_seed(seed)  # transformers samples from torch's global generator; seeded per call
        config = self._config(samples, temperature, max_new_tokens, max_time)
        with torch.inference_mode():
            out = self.model.generate(input_ids=prompts.ids, attention_mask=prompts.mask, generation_config=config)
        rows = out[:, prompts.ids.shape[1]:].tolist()
        lengths = prompts.mask.sum(dim=1).tolist()
        replies = [Reply(self.tokenizer.decode(row, skip_special_tokens=True), int(lengths[i // samples]),
                         _length_without_padding(row, self._pad)) for i, row in enumerate(rows)]
        return tuple(tuple(replies[p * samples:(p + 1) * samples]) for p in range(len(lengths)))

    def _config(self, samples: int, temperature: float, max_new_tokens: int,
                max_time: float | None) -> GenerationConfig:
        sampled = temperature > 0
        return GenerationConfig(
            max_new_tokens=max_new_tokens, do_sample=sampled, temperature=temperature if sampled else None,
            top_k=0 if sampled else None, top_p=1.0 if sampled else None, num_return_sequences=samples,
            max_time=max_time, pad_token_id=self._pad,
            eos_token_id=self.model.generation_config.eos_token_id or self.tokenizer.eos_token_id,
            bos_token_id=self.model.generation_config.bos_token_id)


def _resolve_device(device: str) -> torch.device:
    if device == "auto":
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    try:
        resolved = torch.device(device)
    except (RuntimeError, ValueError) as error:
        raise SolverArgumentError(f"solver 'hf': device={device!r} is not a torch device: {error}") from None
    if resolved.type == "cuda" and not torch.cuda.is_available():
        raise SolverLoadError(f"solver 'hf': device={device!r} asked for, but torch sees no CUDA GPU")
    return resolved


def _load(settings: ModelSettings, device: torch.device) -> tuple[Any, Any]:
    path = Path(settings.name).expanduser()
    if settings.name.startswith(("/", ".", "~")) and not path.is_dir():
        raise SolverLoadError(f"solver 'hf': model={settings.name!r}: no such directory")
    source = str(path) if path.is_dir() else settings.name
    if settings.dtype == "auto":
        dtype: Any = torch.float32 if device.type == "cpu" else "auto"
    else:
        dtype = _DTYPES[settings.dtype]
    try:
        tokenizer = AutoTokenizer.from_pretrained(source, trust_remote_code=settings.trust_remote_code)
        model = AutoModelForCausalLM.from_pretrained(source, dtype=dtype,
                                                     trust_remote_code=settings.trust_remote_code)
    except Exception as error:  # transformers raises many kinds; each becomes one clear line
        reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise SolverLoadError(f"solver 'hf': cannot load model {settings.name!r}: {reason}") from error
    return tokenizer, model.to(device).eval()


def _chat_text(tokenizer: Any, messages: Sequence[Message]) -> str:
    """The chat template's prompt; templates that refuse a system turn get it folded into the user's."""
    try:
        return str(tokenizer.apply_chat_template(list(messages), tokenize=False, add_generation_prompt=True))
    except Exception:  # e.g. jinja2's TemplateError "roles must alternate user/assistant"
        if not messages or messages[0]["role"] != "system":
            raise
    system, first, *rest = messages
    merged = [{"role": first["role"], "content": f"{system['content']}\n\n{first['content']}"}, *rest]
    return str(tokenizer.apply_chat_template(merged, tokenize=False, add_generation_prompt=True))


def _length_without_padding(row: Sequence[int], pad: int | None) -> int:
    length = len(row)
    while pad is not None and length and row[length - 1] == pad:
        length -= 1
    return length
