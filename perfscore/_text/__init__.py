"""Every word perfscore shows, in Chinese and English: diagnostics, explanation phrases, report labels."""
