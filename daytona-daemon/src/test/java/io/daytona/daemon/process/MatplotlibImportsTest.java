package io.daytona.daemon.process;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MatplotlibImportsTest {
    @ParameterizedTest
    @ValueSource(strings = {
        "import matplotlib",
        "import matplotlib.pyplot as plt",
        "import numpy as np, matplotlib.pyplot as plt",
        "from matplotlib import pyplot as plt",
        "from matplotlib.pyplot import plot, show",
        "  if True: import matplotlib",
        "import os; import matplotlib",
        "plt = __import__('matplotlib.pyplot')",
        "mpl = __import__(\"matplotlib\")",
        "import importlib\nplt = importlib.import_module('matplotlib.pyplot')",
        "x = '#'; import matplotlib",
        "def plot():\n    import matplotlib.pyplot as plt\n    return plt",
    })
    void findsImportsOfMatplotlib(String source) {
        assertThat(MatplotlibImports.in(source)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "print('hello')",
        "# import matplotlib.pyplot as plt\nprint(1)",
        "    #from matplotlib import pyplot",
        "x = 1  # import matplotlib later",
        "import matplotlibx",
        "import numpy as np",
        "print('matplotlib is not imported here')",
        "from mymatplotlib import thing",
        "",
    })
    void ignoresCodeThatDoesNotImportMatplotlib(String source) {
        assertThat(MatplotlibImports.in(source)).isFalse();
    }
}
