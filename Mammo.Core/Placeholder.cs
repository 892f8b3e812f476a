namespace Mammo; internal static class Placeholder { }
