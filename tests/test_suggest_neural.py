"""zongjie.suggest.neural on tiny random models built here (the real loading and generation path).

A one-layer GPT-2 (causal) and a one-layer T5 (seq2seq) with a character-level tokenizer made with
`tokenizers` are saved with ``save_pretrained(safe_serialization=True)`` into ``tmp_path`` and
loaded back through ``NeuralSuggester`` (local files only, safetensors only, no remote code).
"""

from __future__ import annotations

import json

import pytest
import torch
import transformers
from zongjie.errors import UsageError  # noqa: E402
from zongjie.suggest.neural import NeuralSuggester, build_prompt, clean_generation  # noqa: E402

CHARS = ("问题措施参考工作总结针对存在的提出下一年度加强提升完善健全推进落实基层干部队伍建设能力素质统战服务"
         "信息化滞后数据标准不统一覆盖面广手段多短板差距发挥作用进一步着力全面深化：，。；、")
SPECIALS = ["[PAD]", "[UNK]", "[BOS]", "[EOS]"]


def _tokenizer():
    from tokenizers import Regex, Tokenizer, models, pre_tokenizers
    from transformers import PreTrainedTokenizerFast

    vocab = {t: i for i, t in enumerate(SPECIALS)}
    for ch in dict.fromkeys(CHARS + "\n "):
        vocab.setdefault(ch, len(vocab))
    tk = Tokenizer(models.WordLevel(vocab=vocab, unk_token="[UNK]"))
    tk.pre_tokenizer = pre_tokenizers.Split(Regex("."), behavior="isolated")
    return PreTrainedTokenizerFast(tokenizer_object=tk, pad_token="[PAD]", unk_token="[UNK]",
                                   bos_token="[BOS]", eos_token="[EOS]"), len(vocab)


@pytest.fixture(scope="module")
def gpt2_dir(tmp_path_factory):
    torch.manual_seed(0)
    tok, v = _tokenizer()
    cfg = transformers.GPT2Config(vocab_size=v, n_positions=256, n_embd=32, n_layer=1, n_head=2,
                                  bos_token_id=2, eos_token_id=3, pad_token_id=0)
    model = transformers.GPT2LMHeadModel(cfg)
    d = tmp_path_factory.mktemp("tiny-gpt2")
    model.save_pretrained(d, safe_serialization=True)
    tok.save_pretrained(d)
    return d


@pytest.fixture(scope="module")
def t5_dir(tmp_path_factory):
    torch.manual_seed(0)
    tok, v = _tokenizer()
    cfg = transformers.T5Config(vocab_size=v, d_model=32, d_ff=64, d_kv=16, num_layers=1, num_decoder_layers=1,
                                num_heads=2, pad_token_id=0, eos_token_id=3, decoder_start_token_id=0)
    model = transformers.T5ForConditionalGeneration(cfg)
    d = tmp_path_factory.mktemp("tiny-t5")
    model.save_pretrained(d, safe_serialization=True)
    tok.save_pretrained(d)
    return d


def test_causal_lm_generates(gpt2_dir):
    ns = NeuralSuggester(gpt2_dir, max_new_tokens=12, num_beams=3)
    assert not ns.seq2seq and ns.name == gpt2_dir.name
    out = ns.generate("统战干部的能力素质仍是短板", examples=["加强统战干部队伍建设"], n=3)
    assert isinstance(out, list) and len(out) <= 3
    assert all(isinstance(t, str) and 4 <= len(t) <= 120 and " " not in t for t in out)
    # deterministic: beam search, no sampling
    assert out == ns.generate("统战干部的能力素质仍是短板", examples=["加强统战干部队伍建设"], n=3)


def test_seq2seq_generates(t5_dir):
    ns = NeuralSuggester(t5_dir, max_new_tokens=12, num_beams=2)
    assert ns.seq2seq
    out = ns.generate("信息化建设滞后，数据标准不统一", n=2)
    assert isinstance(out, list) and len(out) <= 2


def test_suggest_with_model_source(gpt2_dir):
    import zongjie
    from zongjie.suggest import suggest

    text = ("某局2023年工作总结\n一、工作开展情况\n完成各项任务。\n二、存在的问题\n"
            "一是信息化建设滞后；二是统战干部的能力素质仍是短板。\n三、2024年工作计划\n（一）加强党的建设。抓好理论学习。\n")
    doc = zongjie.structure(text)

    class Fixed:  # a wrapper that always answers, so the source is visible whatever the weights say
        def __init__(self, inner):
            self.inner, self.name = inner, inner.name

        def generate(self, problem, examples=None, n=3):
            got = self.inner.generate(problem, examples, n)
            return got or ["着力推进基层队伍建设"]

    res = suggest(doc, top=5, index=False, model=Fixed(NeuralSuggester(gpt2_dir, max_new_tokens=8)))
    assert len(res) == 2
    sources = {s["source"] for p in res for s in p["suggestions"]}
    assert f"model:{gpt2_dir.name}" in sources and "rewrite" in sources
    json.dumps(res, ensure_ascii=False)


def test_cli_model_option(gpt2_dir, tmp_path):
    from typer.testing import CliRunner
    from zongjie.cli.main import app

    f = tmp_path / "d.txt"
    f.write_text("某局2023年工作总结\n一、工作情况\n完成任务。\n二、存在的问题\n一是信息化建设滞后。\n"
                 "三、2024年工作计划\n（一）加强党的建设。抓好学习。\n", "utf-8")
    r = CliRunner().invoke(app, ["suggest", str(f), "--no-index", "--model", str(gpt2_dir), "--json"])
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    assert data["problems"][0]["text"] == "信息化建设滞后"


def test_refuses_pickled_weights(gpt2_dir, tmp_path):
    """A model folder with only a pickled pytorch_model.bin is refused before anything is read."""
    import shutil

    from safetensors.torch import load_file

    d = tmp_path / "pickled"
    shutil.copytree(gpt2_dir, d)
    for f in d.glob("*.safetensors"):
        torch.save(load_file(f), d / "pytorch_model.bin")
        f.unlink()
    with pytest.raises(UsageError, match="safetensors"):
        NeuralSuggester(d)


def test_missing_directory(tmp_path):
    with pytest.raises(UsageError, match="no such model directory"):
        NeuralSuggester(tmp_path / "nope")


def test_prompt_and_cleaning():
    p = build_prompt("信息化建设滞后", ["加快信息化建设"])
    assert "问题：信息化建设滞后" in p and "参考措施：加快信息化建设" in p and p.endswith("措施：")
    assert "只输出措施本身" in build_prompt("x", chat=True)
    assert clean_generation("措施：加 快 信 息 化 建 设。第二句") == "加快信息化建设"
    assert clean_generation("  \n") == ""
