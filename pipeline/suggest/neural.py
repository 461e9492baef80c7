"""Optional neural candidates: a local transformers model writes plan items for a problem.

Imported only when a model is asked for (``zongjie suggest --model PATH``,
``zongjie.suggest.suggest(doc, model=PATH)``). The model is loaded

* from a local directory only (``local_files_only=True``: nothing is downloaded here — download a
  model once, e.g. ``huggingface-cli download uer/gpt2-chinese-cluecorpussmall --local-dir …``);
* from safetensors weights only (``use_safetensors=True``: no pickled ``pytorch_model.bin``);
* without remote code (``trust_remote_code=False``): architectures transformers itself knows;
* on the CPU unless another ``device`` is given.

Encoder–decoder models (T5, mT5, BART: ``config.is_encoder_decoder``) and causal LMs (GPT-2,
Qwen, …) both work. The prompt names the problem and up to three plan sentences retrieved from the
index as examples; instruction-tuned models with a chat template get it as a chat turn.
Generation is deterministic (beam search), so the same input gives the same suggestions.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from zongjie.errors import UsageError

__all__ = ["NeuralSuggester", "build_prompt"]

_RE_CJK_SPACE = re.compile(r"(?<=[\u3000-\u9fff\uff00-\uffef])\s+|\s+(?=[\u3000-\u9fff\uff00-\uffef])")
_RE_LABEL = re.compile(r"^(措施|计划|建议|工作措施|下一步|答)[:：]\s*")


def build_prompt(problem: str, examples: list[str] | None = None, chat: bool = False) -> str:
    """The instruction given to the model (plain text; the chat template wraps it for chat models)."""
    ex = [e for e in (examples or []) if e][:3]
    if chat:
        lines = ["下面是一份工作总结“存在的问题”部分的一条问题。请写出一条下一年度工作计划中针对它的措施，"
                 "用公文语言，一句话，不超过40字，只输出措施本身。", f"问题：{problem}"]
        if ex:
            lines.append("可参考的往年措施：" + "；".join(ex))
        return "\n".join(lines)
    parts = ["工作总结：针对存在的问题，提出下一年度工作措施。"]
    for e in ex:
        parts.append(f"参考措施：{e}")
    parts.append(f"问题：{problem}")
    parts.append("措施：")
    return "\n".join(parts)


class NeuralSuggester:
    """A local seq2seq or causal LM that proposes plan items (``generate``)."""

    def __init__(self, path: str | os.PathLike, device: str = "cpu", max_new_tokens: int = 48,
                 num_beams: int = 4) -> None:
        p = Path(path)
        if not p.is_dir():
            raise UsageError(f"{path}: no such model directory (download the model once, then pass its folder)")
        if not any(p.glob("*.safetensors")):
            raise UsageError(f"{path}: no .safetensors weights (only safetensors models are loaded)")
        try:
            import torch
            import transformers
        except ImportError as e:
            raise UsageError(f"--model needs torch and transformers (pip install 'zongjie[neural]'): {e}") from None
        self.torch = torch
        self.device = device
        self.max_new_tokens = max_new_tokens
        self.num_beams = num_beams
        self.name = p.resolve().name
        kw: dict[str, Any] = {"local_files_only": True, "trust_remote_code": False}
        try:
            config = transformers.AutoConfig.from_pretrained(str(p), **kw)
            self.tokenizer = transformers.AutoTokenizer.from_pretrained(str(p), **kw)
            self.seq2seq = bool(getattr(config, "is_encoder_decoder", False))
            cls = transformers.AutoModelForSeq2SeqLM if self.seq2seq else transformers.AutoModelForCausalLM
            self.model = cls.from_pretrained(str(p), config=config, use_safetensors=True, **kw)
            self.model.to(device)  # pyright: ignore[reportArgumentType] - transformers types .to as functools.wraps(nn.Module.to), which binds no self
            self.model.eval()
        except UsageError:
            raise
        except Exception as e:  # noqa: BLE001 - any loading failure is one line for the user
            msg = " ".join(str(e).split())[:300]
            raise UsageError(f"{path}: cannot load the model ({type(e).__name__}: {msg})") from None
        tok = self.tokenizer
        if tok.pad_token_id is None:
            if tok.eos_token is not None:
                tok.pad_token = tok.eos_token
            else:
                tok.add_special_tokens({"pad_token": "[PAD]"})
        self.chat = bool(getattr(tok, "chat_template", None)) and not self.seq2seq

    def _encode(self, prompt: str) -> Any:
        tok = self.tokenizer
        if self.chat:
            text = tok.apply_chat_template([{"role": "user", "content": prompt}], tokenize=False,
                                           add_generation_prompt=True)
        else:
            text = prompt
        # A causal LM continues the prompt: no trailing [SEP]/</s> (BERT-style vocabularies such as
        # uer/gpt2-chinese-* add [CLS] … [SEP]); the chat template has its own special tokens.
        add = self.seq2seq or (not self.chat and not (tok.sep_token and tok.cls_token))
        enc = tok(text, return_tensors="pt", truncation=True, max_length=512, add_special_tokens=add)
        enc.pop("token_type_ids", None)
        return {k: v.to(self.device) for k, v in enc.items()}

    def generate(self, problem: str, examples: list[str] | None = None, n: int = 3) -> list[str]:
        """Up to ``n`` distinct plan items for ``problem`` (may be fewer after cleaning)."""
        torch = self.torch
        inputs = self._encode(build_prompt(problem, examples, chat=self.chat))
        beams = max(self.num_beams, n)
        gen_kw: dict[str, Any] = {
            "max_new_tokens": self.max_new_tokens, "num_beams": beams, "num_return_sequences": min(n, beams),
            "do_sample": False, "early_stopping": True, "pad_token_id": self.tokenizer.pad_token_id,
            "no_repeat_ngram_size": 3,
        }
        if self.tokenizer.eos_token_id is not None:
            gen_kw["eos_token_id"] = self.tokenizer.eos_token_id
        with torch.no_grad():
            out = self.model.generate(**inputs, **gen_kw)  # pyright: ignore[reportAttributeAccessIssue] - transformers' _BaseModelWithGenerate misses its own GenerativePreTrainedModel protocol
        if not self.seq2seq:
            out = out[:, inputs["input_ids"].shape[1]:]
        texts = self.tokenizer.batch_decode(out, skip_special_tokens=True)
        seen: list[str] = []
        for t in texts:
            c = clean_generation(t)
            if c and c not in seen and c != problem:
                seen.append(c)
        return seen[:n]


def clean_generation(text: str) -> str:
    """The first line/sentence of a generation, without labels, spaces between CJK or end marks."""
    t = _RE_CJK_SPACE.sub("", text.strip())
    t = t.split("\n", 1)[0].strip()
    t = _RE_LABEL.sub("", t)
    m = re.search(r"[。！？!?]", t)
    if m:
        t = t[:m.start()]
    t = t.strip(" \t，,；;。：:、\"'“”")
    return t[:120] if len(t) >= 4 else ""
