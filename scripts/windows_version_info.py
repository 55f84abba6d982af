"""The Windows version resource of the frozen executables, made from ``trustplanner.__version__``.

build.spec imports this module; the package's ``__init__.py`` is read as text, not imported, so a
spec run never depends on what is installed in the build environment.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE_INIT = ROOT / "trustplanner" / "__init__.py"
LANGUAGE_EN_GB, CODEPAGE_UNICODE = 0x0809, 1200
VS_FF_PRERELEASE = 0x2


def package_constants(init: Path = PACKAGE_INIT) -> dict[str, str]:
    """The string constants (``__version__``, ``APP_NAME``, ...) assigned at the top of the package."""
    constants = {}
    for node in ast.parse(init.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    constants[target.id] = node.value.value
    return constants


def version_tuple(version: str) -> tuple[int, int, int, int]:
    """The four 16-bit numbers Windows shows: "1.2" -> (1, 2, 0, 0); "1.2.0rc1" -> (1, 2, 0, 0)."""
    match = re.match(r"\d+(?:\.\d+)*", version.strip())
    if match is None:
        raise ValueError(f"'{version}' does not start with a release number such as 1.2.0")
    numbers = [int(part) for part in match.group(0).split(".")][:4]
    if any(n > 0xFFFF for n in numbers):
        raise ValueError(f"'{version}': each part of a Windows version must be at most 65535")
    return tuple(numbers + [0] * (4 - len(numbers)))  # type: ignore[return-value]


def is_prerelease(version: str) -> bool:
    return re.fullmatch(r"\d+(?:\.\d+)*(?:\.post\d+)?", version.strip()) is None


def version_info(*, filename: str, description: str, init: Path = PACKAGE_INIT):
    """A ``VSVersionInfo`` for one executable (``filename`` such as "TrustPlanner.exe")."""
    from PyInstaller.utils.win32.versioninfo import (
        FixedFileInfo,
        StringFileInfo,
        StringStruct,
        StringTable,
        VarFileInfo,
        VarStruct,
        VSVersionInfo,
    )

    constants = package_constants(init)
    version = constants["__version__"]
    app_name = constants.get("APP_NAME", "TrustPlanner")
    organisation = constants.get("ORGANISATION", app_name)
    numbers = version_tuple(version)
    return VSVersionInfo(
        ffi=FixedFileInfo(
            filevers=numbers,
            prodvers=numbers,
            mask=0x3F,
            flags=VS_FF_PRERELEASE if is_prerelease(version) else 0,
            OS=0x40004,  # VOS_NT_WINDOWS32
            fileType=0x1,  # VFT_APP
            subtype=0x0,
            date=(0, 0),
        ),
        kids=[
            StringFileInfo([
                StringTable(f"{LANGUAGE_EN_GB:04X}{CODEPAGE_UNICODE:04X}", [
                    StringStruct("CompanyName", organisation),
                    StringStruct("FileDescription", description),
                    StringStruct("FileVersion", version),
                    StringStruct("InternalName", filename.removesuffix(".exe")),
                    StringStruct("LegalCopyright", f"Copyright (c) {organisation}. All rights reserved."),
                    StringStruct("OriginalFilename", filename),
                    StringStruct("ProductName", app_name),
                    StringStruct("ProductVersion", version),
                ]),
            ]),
            VarFileInfo([VarStruct("Translation", [LANGUAGE_EN_GB, CODEPAGE_UNICODE])]),
        ],
    )


if __name__ == "__main__":
    print(version_info(filename="TrustPlanner.exe", description="TrustPlanner"))
