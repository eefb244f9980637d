"""A tiny randomly initialised llama model written as GGUF from numpy (no download), and a real
llama.cpp OpenAI-compatible server (`python -m llama_cpp.server`) on 127.0.0.1 serving it.

The vocabulary is one token per printable ASCII character plus the 256 byte tokens, so any text
tokenizes. The weights are random except for one bias: a constant feature in every embedding
that the output layer maps onto the digit tokens, so replies are mostly digits (grids or
near-grids): enough to exercise parsing, voting and accounting, and nonsense as answers.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np

MODEL_NAME = "tiny-llama"
"""The model's name on the server (its alias)."""
N_EMBD, N_HEAD, N_FF, N_LAYER, N_CTX = 64, 4, 128, 2, 32768


def _vocab() -> tuple[list[str], list[int]]:
    """Tokens and their types: specials, printable ASCII (space as '▁'), then the 256 byte tokens."""
    tokens, types = ["<unk>", "<s>", "</s>"], [2, 3, 3]
    for code in range(32, 127):
        tokens.append("\u2581" if code == 32 else chr(code))
        types.append(1)
    for byte in range(256):
        tokens.append(f"<0x{byte:02X}>")
        types.append(6)
    return tokens, types


def write_tiny_llama(path: Path, seed: int = 0) -> Path:
    """Write the model to `path` (a .gguf file) and return the path."""
    import gguf

    tokens, types = _vocab()
    n_vocab = len(tokens)
    rng = np.random.default_rng(seed)
    writer = gguf.GGUFWriter(str(path), "llama")
    writer.add_context_length(N_CTX)
    writer.add_embedding_length(N_EMBD)
    writer.add_block_count(N_LAYER)
    writer.add_feed_forward_length(N_FF)
    writer.add_head_count(N_HEAD)
    writer.add_head_count_kv(N_HEAD)
    writer.add_layer_norm_rms_eps(1e-5)
    writer.add_rope_dimension_count(N_EMBD // N_HEAD)
    writer.add_file_type(0)  # all f32
    writer.add_tokenizer_model("llama")
    writer.add_token_list(tokens)
    writer.add_token_scores([0.0] * n_vocab)
    writer.add_token_types(types)
    writer.add_unk_token_id(0)
    writer.add_bos_token_id(1)
    writer.add_eos_token_id(2)
    writer.add_add_bos_token(True)
    for name, array in _tensors(tokens, rng).items():
        writer.add_tensor(name, array)
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    return path


def _tensors(tokens: list[str], rng: np.random.Generator) -> dict[str, np.ndarray]:
    n_vocab = len(tokens)

    def normal(*shape: int, scale: float) -> np.ndarray:
        return (rng.standard_normal(shape) * scale).astype(np.float32)

    embed = normal(n_vocab, N_EMBD, scale=1.0)
    embed[:, 0] = 4.0  # the constant feature
    output = normal(n_vocab, N_EMBD, scale=0.3)
    output[:, 0] = 0.0
    for digit in "0123456789":
        output[tokens.index(digit), 0] = 3.0  # digits win nearly always
    output[tokens.index("<0x0A>"), 0] = 2.6  # and newlines sometimes
    out = {"token_embd.weight": embed, "output_norm.weight": np.ones(N_EMBD, np.float32), "output.weight": output}
    for layer in range(N_LAYER):
        block = f"blk.{layer}."
        out.update({
            block + "attn_norm.weight": np.ones(N_EMBD, np.float32),
            block + "attn_q.weight": normal(N_EMBD, N_EMBD, scale=0.05),
            block + "attn_k.weight": normal(N_EMBD, N_EMBD, scale=0.05),
            block + "attn_v.weight": normal(N_EMBD, N_EMBD, scale=0.05),
            block + "attn_output.weight": normal(N_EMBD, N_EMBD, scale=0.05),
            block + "ffn_norm.weight": np.ones(N_EMBD, np.float32),
            block + "ffn_gate.weight": normal(N_FF, N_EMBD, scale=0.05),
            block + "ffn_up.weight": normal(N_FF, N_EMBD, scale=0.05),
            block + "ffn_down.weight": normal(N_EMBD, N_FF, scale=0.05),
        })
    return out


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def llama_server(model: Path, log: Path, port: int | None = None) -> Iterator[str]:
    """Run llama.cpp's OpenAI-compatible server on the model; yields its base URL (…/v1)."""
    port = port or free_port()
    command = [sys.executable, "-m", "llama_cpp.server", "--model", str(model), "--model_alias", MODEL_NAME,
               "--host", "127.0.0.1", "--port", str(port), "--n_ctx", str(N_CTX), "--chat_format", "chatml",
               "--n_threads", "1", "--n_batch", "2048"]
    with open(log, "ab") as out:
        process = subprocess.Popen(command, stdout=out, stderr=out, stdin=subprocess.DEVNULL,
                                   env={**os.environ, "OMP_NUM_THREADS": "1"})
    base_url = f"http://127.0.0.1:{port}/v1"
    try:
        _wait_ready(base_url, process, log)
        yield base_url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_ready(base_url: str, process: subprocess.Popen[bytes], log: Path, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"llama.cpp server exited with {process.returncode}: {log.read_text()[-2000:]}")
        try:
            with urllib.request.urlopen(base_url + "/models", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"llama.cpp server not ready in {timeout:g} s: {log.read_text()[-2000:]}")


if __name__ == "__main__":  # python tiny_llama.py OUT.gguf: write the model (for the README's commands)
    print(write_tiny_llama(Path(sys.argv[1])))
