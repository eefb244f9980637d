"""Tiny Hugging Face models the tests make and save themselves (nothing is downloaded).

The tokenizer works on single characters (every printable ASCII character, newline included),
with a small chat template; the model is a randomly initialised two-layer Llama. `flat=True`
zeroes the final norm so every logit is 0: greedy decoding then always emits token id 0, which
this tokenizer maps to FLAT_DIGIT, so the replies are known without being hand-written.
"""

from __future__ import annotations

import string
from pathlib import Path

FLAT_DIGIT = "5"
"""The character of token id 0: what a flat model says at every step under greedy decoding."""

CHARS = FLAT_DIGIT + "".join(c for c in string.digits + string.ascii_letters + string.punctuation + " \n"
                             if c != FLAT_DIGIT)
SPECIALS = ("<unk>", "<s>", "</s>", "<pad>")
CHAT_TEMPLATE = ("{% for m in messages %}<{{ m['role'] }}>\n{{ m['content'] }}\n{% endfor %}"
                 "{% if add_generation_prompt %}<assistant>\n{% endif %}")
"""Each message as '<role>' then its text; the reply follows '<assistant>'."""
USER_ONLY_TEMPLATE = ("{% for m in messages %}{% if m['role'] != 'user' %}"
                      "{{ raise_exception('only user turns here') }}{% endif %}[INST]{{ m['content'] }}[/INST]"
                      "{% endfor %}")
"""Like some Mistral templates: no system turn allowed."""


def save_tiny_model(directory: Path, *, flat: bool = False, seed: int = 0,
                    chat_template: str | None = CHAT_TEMPLATE) -> Path:
    """Write a tiny random Llama and its character tokenizer to `directory`; return it."""
    import torch
    from tokenizers import Regex, Tokenizer, decoders, models, pre_tokenizers
    from transformers import LlamaConfig, LlamaForCausalLM, PreTrainedTokenizerFast

    vocab = {token: i for i, token in enumerate([*CHARS, *SPECIALS])}
    core = Tokenizer(models.WordLevel(vocab, unk_token="<unk>"))
    core.pre_tokenizer = pre_tokenizers.Split(Regex(r"[\s\S]"), behavior="isolated")
    core.decoder = decoders.Fuse()
    tokenizer = PreTrainedTokenizerFast(tokenizer_object=core, unk_token="<unk>", bos_token="<s>",
                                        eos_token="</s>", pad_token="<pad>")
    if chat_template is not None:
        tokenizer.chat_template = chat_template
    config = LlamaConfig(vocab_size=len(vocab), hidden_size=32, intermediate_size=64, num_hidden_layers=2,
                         num_attention_heads=4, num_key_value_heads=2, max_position_embeddings=4096,
                         bos_token_id=vocab["<s>"], eos_token_id=vocab["</s>"], pad_token_id=vocab["<pad>"],
                         tie_word_embeddings=False)
    torch.manual_seed(seed)
    model = LlamaForCausalLM(config)
    if flat:
        with torch.no_grad():
            model.model.norm.weight.zero_()
    directory.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(directory)
    tokenizer.save_pretrained(directory)
    return directory
