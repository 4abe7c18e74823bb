//! tfplugin (to be written)
