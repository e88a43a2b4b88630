//! A record's fields as flat cells, read through serde: the one way the
//! tables and CSV see a record, so they show the fields JSON shows, under
//! the same names.
//!
//! A record is a struct (or a map, which `#[serde(flatten)]` makes) of
//! plain values. A field that is a list of words (a verdict's outlets, an
//! actor's aliases) is one cell, its items joined by "; "; a nested record
//! has no place in a flat row and is an error.

use std::fmt::Display;

use serde::ser::{self, Impossible, Serialize};

/// One field's value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Cell<'a> {
    /// No value (`None`, `()`).
    Empty,
    /// True or false.
    Bool(bool),
    /// A whole number.
    Int(i64),
    /// A whole number too large for `i64`.
    UInt(u64),
    /// A number with a fraction.
    Float(f64),
    /// Text (a string, an enumerated word, a date, a list joined by "; ").
    Text(&'a str),
}

impl Cell<'_> {
    /// The cell as plain text: empty for no value, numbers without
    /// thousands separators.
    pub fn write_to(&self, buf: &mut String) {
        use std::fmt::Write;
        let _ = match *self {
            Cell::Empty => Ok(()),
            Cell::Bool(b) => write!(buf, "{b}"),
            Cell::Int(n) => write!(buf, "{n}"),
            Cell::UInt(n) => write!(buf, "{n}"),
            Cell::Float(x) => write!(buf, "{x}"),
            Cell::Text(t) => {
                buf.push_str(t);
                Ok(())
            }
        };
    }
}

/// What [`fields`] hands each field to.
pub type Sink<'s> = dyn FnMut(&str, Cell<'_>) -> Result<(), Error> + 's;

/// Hands each top-level field of `record` to `sink`, in order, with its
/// name.
pub fn fields<T: Serialize + ?Sized>(record: &T, sink: &mut Sink<'_>) -> Result<(), Error> {
    record.serialize(Record { sink })
}

/// Why a value cannot be a flat row, or the sink's own failure.
#[derive(Debug)]
pub struct Error(pub String);

impl Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: Display>(msg: T) -> Self {
        Error(msg.to_string())
    }
}

fn not_flat<T>(what: &str) -> Result<T, Error> {
    Err(Error(format!("a flat row cannot hold {what}")))
}

/// Serializes the record itself: a struct or a map of fields.
struct Record<'a, 's> {
    sink: &'a mut Sink<'s>,
}

/// Serializes one field's value into a cell for the sink.
struct Value<'a, 's> {
    name: &'a str,
    sink: &'a mut Sink<'s>,
}

/// Collects the items of a list field, joined by "; ".
struct List<'a, 's> {
    name: &'a str,
    sink: &'a mut Sink<'s>,
    joined: String,
    first: bool,
}

/// Reads a map key (a flattened field's name) as text.
struct Key<'a> {
    name: &'a mut String,
}

/// Reads one item of a list as text.
struct Item<'a> {
    text: &'a mut String,
}

/// A record's fields, struct or map: hands each on as it comes.
struct Fields<'a, 's> {
    sink: &'a mut Sink<'s>,
    key: String,
}

macro_rules! reject {
    ($($method:ident($($arg:ty),*) -> $ret:ty, $what:literal;)*) => {
        $(fn $method(self, $(_: $arg),*) -> Result<$ret, Error> { not_flat($what) })*
    };
}

impl<'a, 's> ser::Serializer for Record<'a, 's> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Impossible<(), Error>;
    type SerializeTuple = Impossible<(), Error>;
    type SerializeTupleStruct = Impossible<(), Error>;
    type SerializeTupleVariant = Impossible<(), Error>;
    type SerializeMap = Fields<'a, 's>;
    type SerializeStruct = Fields<'a, 's>;
    type SerializeStructVariant = Impossible<(), Error>;

    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Fields<'a, 's>, Error> {
        Ok(Fields {
            sink: self.sink,
            key: String::new(),
        })
    }

    fn serialize_map(self, _: Option<usize>) -> Result<Fields<'a, 's>, Error> {
        self.serialize_struct("", 0)
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        value.serialize(self)
    }

    reject! {
        serialize_bool(bool) -> (), "a bare value";
        serialize_i8(i8) -> (), "a bare value";
        serialize_i16(i16) -> (), "a bare value";
        serialize_i32(i32) -> (), "a bare value";
        serialize_i64(i64) -> (), "a bare value";
        serialize_u8(u8) -> (), "a bare value";
        serialize_u16(u16) -> (), "a bare value";
        serialize_u32(u32) -> (), "a bare value";
        serialize_u64(u64) -> (), "a bare value";
        serialize_f32(f32) -> (), "a bare value";
        serialize_f64(f64) -> (), "a bare value";
        serialize_char(char) -> (), "a bare value";
        serialize_str(&str) -> (), "a bare value";
        serialize_bytes(&[u8]) -> (), "bytes";
        serialize_none() -> (), "nothing";
        serialize_unit() -> (), "nothing";
        serialize_unit_struct(&'static str) -> (), "nothing";
        serialize_unit_variant(&'static str, u32, &'static str) -> (), "a bare value";
        serialize_seq(Option<usize>) -> Impossible<(), Error>, "a list";
        serialize_tuple(usize) -> Impossible<(), Error>, "a list";
        serialize_tuple_struct(&'static str, usize) -> Impossible<(), Error>, "a list";
        serialize_tuple_variant(&'static str, u32, &'static str, usize) -> Impossible<(), Error>, "a list";
        serialize_struct_variant(&'static str, u32, &'static str, usize) -> Impossible<(), Error>, "a variant";
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), Error> {
        not_flat("a variant")
    }
}

impl ser::SerializeStruct for Fields<'_, '_> {
    type Ok = ();
    type Error = Error;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        name: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        value.serialize(Value {
            name,
            sink: self.sink,
        })
    }

    fn end(self) -> Result<(), Error> {
        Ok(())
    }
}

impl ser::SerializeMap for Fields<'_, '_> {
    type Ok = ();
    type Error = Error;

    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        self.key.clear();
        key.serialize(Key {
            name: &mut self.key,
        })
    }

    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        value.serialize(Value {
            name: &self.key,
            sink: self.sink,
        })
    }

    fn end(self) -> Result<(), Error> {
        Ok(())
    }
}

impl<'a, 's> ser::Serializer for Value<'a, 's> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = List<'a, 's>;
    type SerializeTuple = List<'a, 's>;
    type SerializeTupleStruct = Impossible<(), Error>;
    type SerializeTupleVariant = Impossible<(), Error>;
    type SerializeMap = Impossible<(), Error>;
    type SerializeStruct = Impossible<(), Error>;
    type SerializeStructVariant = Impossible<(), Error>;

    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        (self.sink)(self.name, Cell::Bool(v))
    }
    fn serialize_i8(self, v: i8) -> Result<(), Error> {
        self.serialize_i64(v.into())
    }
    fn serialize_i16(self, v: i16) -> Result<(), Error> {
        self.serialize_i64(v.into())
    }
    fn serialize_i32(self, v: i32) -> Result<(), Error> {
        self.serialize_i64(v.into())
    }
    fn serialize_i64(self, v: i64) -> Result<(), Error> {
        (self.sink)(self.name, Cell::Int(v))
    }
    fn serialize_u8(self, v: u8) -> Result<(), Error> {
        self.serialize_i64(v.into())
    }
    fn serialize_u16(self, v: u16) -> Result<(), Error> {
        self.serialize_i64(v.into())
    }
    fn serialize_u32(self, v: u32) -> Result<(), Error> {
        self.serialize_i64(v.into())
    }
    fn serialize_u64(self, v: u64) -> Result<(), Error> {
        match i64::try_from(v) {
            Ok(v) => self.serialize_i64(v),
            Err(_) => (self.sink)(self.name, Cell::UInt(v)),
        }
    }
    fn serialize_f32(self, v: f32) -> Result<(), Error> {
        self.serialize_f64(v.into())
    }
    fn serialize_f64(self, v: f64) -> Result<(), Error> {
        (self.sink)(self.name, Cell::Float(v))
    }
    fn serialize_char(self, v: char) -> Result<(), Error> {
        self.serialize_str(v.encode_utf8(&mut [0; 4]))
    }
    fn serialize_str(self, v: &str) -> Result<(), Error> {
        (self.sink)(self.name, Cell::Text(v))
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<(), Error> {
        not_flat("bytes")
    }
    fn serialize_none(self) -> Result<(), Error> {
        (self.sink)(self.name, Cell::Empty)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Error> {
        self.serialize_none()
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Error> {
        self.serialize_none()
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        word: &'static str,
    ) -> Result<(), Error> {
        self.serialize_str(word)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), Error> {
        not_flat("a variant in a field")
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<List<'a, 's>, Error> {
        Ok(List {
            name: self.name,
            sink: self.sink,
            joined: String::new(),
            first: true,
        })
    }
    fn serialize_tuple(self, len: usize) -> Result<List<'a, 's>, Error> {
        self.serialize_seq(Some(len))
    }

    reject! {
        serialize_tuple_struct(&'static str, usize) -> Impossible<(), Error>, "a tuple in a field";
        serialize_tuple_variant(&'static str, u32, &'static str, usize) -> Impossible<(), Error>, "a variant in a field";
        serialize_map(Option<usize>) -> Impossible<(), Error>, "a record in a field";
        serialize_struct(&'static str, usize) -> Impossible<(), Error>, "a record in a field";
        serialize_struct_variant(&'static str, u32, &'static str, usize) -> Impossible<(), Error>, "a variant in a field";
    }

    fn collect_str<T: Display + ?Sized>(self, value: &T) -> Result<(), Error> {
        self.serialize_str(&value.to_string())
    }
}

impl List<'_, '_> {
    fn push<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        if !self.first {
            self.joined.push_str("; ");
        }
        self.first = false;
        value.serialize(Item {
            text: &mut self.joined,
        })
    }

    fn finish(self) -> Result<(), Error> {
        (self.sink)(self.name, Cell::Text(&self.joined))
    }
}

impl ser::SerializeSeq for List<'_, '_> {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.push(value)
    }
    fn end(self) -> Result<(), Error> {
        self.finish()
    }
}

impl ser::SerializeTuple for List<'_, '_> {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.push(value)
    }
    fn end(self) -> Result<(), Error> {
        self.finish()
    }
}

/// Text of a scalar: what a list item or a map key holds.
fn scalar_text<T: Serialize + ?Sized>(value: &T, text: &mut String) -> Result<(), Error> {
    let mut sink = |_: &str, cell: Cell<'_>| {
        cell.write_to(text);
        Ok(())
    };
    value.serialize(Value {
        name: "",
        sink: &mut sink,
    })
}

/// The methods of a serializer that takes scalars only, writing each as
/// text into `self.$field` through [`scalar_text`].
macro_rules! scalars {
    ($field:ident) => {
        fn serialize_bool(self, v: bool) -> Result<(), Error> {
            scalar_text(&v, self.$field)
        }
        fn serialize_i8(self, v: i8) -> Result<(), Error> {
            scalar_text(&v, self.$field)
        }
        fn serialize_i16(self, v: i16) -> Result<(), Error> {
            scalar_text(&v, self.$field)
        }
        fn serialize_i32(self, v: i32) -> Result<(), Error> {
            scalar_text(&v, self.$field)
        }
        fn serialize_i64(self, v: i64) -> Result<(), Error> {
            scalar_text(&v, self.$field)
        }
        fn serialize_u8(self, v: u8) -> Result<(), Error> {
            scalar_text(&v, self.$field)
        }
        fn serialize_u16(self, v: u16) -> Result<(), Error> {
            scalar_text(&v, self.$field)
        }
        fn serialize_u32(self, v: u32) -> Result<(), Error> {
            scalar_text(&v, self.$field)
        }
        fn serialize_u64(self, v: u64) -> Result<(), Error> {
            scalar_text(&v, self.$field)
        }
        fn serialize_f32(self, v: f32) -> Result<(), Error> {
            scalar_text(&v, self.$field)
        }
        fn serialize_f64(self, v: f64) -> Result<(), Error> {
            scalar_text(&v, self.$field)
        }
        fn serialize_char(self, v: char) -> Result<(), Error> {
            scalar_text(&v, self.$field)
        }
        fn serialize_str(self, v: &str) -> Result<(), Error> {
            self.$field.push_str(v);
            Ok(())
        }
        fn serialize_unit_variant(
            self,
            _: &'static str,
            _: u32,
            word: &'static str,
        ) -> Result<(), Error> {
            self.serialize_str(word)
        }
        fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Error> {
            value.serialize(self)
        }
        fn serialize_newtype_struct<T: Serialize + ?Sized>(
            self,
            _: &'static str,
            value: &T,
        ) -> Result<(), Error> {
            value.serialize(self)
        }
        fn serialize_none(self) -> Result<(), Error> {
            Ok(())
        }
        fn serialize_unit(self) -> Result<(), Error> {
            Ok(())
        }
        fn serialize_unit_struct(self, _: &'static str) -> Result<(), Error> {
            Ok(())
        }
        fn serialize_bytes(self, _: &[u8]) -> Result<(), Error> {
            not_flat("bytes")
        }
        fn serialize_newtype_variant<T: Serialize + ?Sized>(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: &T,
        ) -> Result<(), Error> {
            not_flat("a variant in a list")
        }
        fn serialize_seq(self, _: Option<usize>) -> Result<Impossible<(), Error>, Error> {
            not_flat("a list in a list")
        }
        fn serialize_tuple(self, _: usize) -> Result<Impossible<(), Error>, Error> {
            not_flat("a list in a list")
        }
        fn serialize_tuple_struct(
            self,
            _: &'static str,
            _: usize,
        ) -> Result<Impossible<(), Error>, Error> {
            not_flat("a list in a list")
        }
        fn serialize_tuple_variant(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: usize,
        ) -> Result<Impossible<(), Error>, Error> {
            not_flat("a list in a list")
        }
        fn serialize_map(self, _: Option<usize>) -> Result<Impossible<(), Error>, Error> {
            not_flat("a record in a list")
        }
        fn serialize_struct(
            self,
            _: &'static str,
            _: usize,
        ) -> Result<Impossible<(), Error>, Error> {
            not_flat("a record in a list")
        }
        fn serialize_struct_variant(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: usize,
        ) -> Result<Impossible<(), Error>, Error> {
            not_flat("a record in a list")
        }
        fn collect_str<T: Display + ?Sized>(self, value: &T) -> Result<(), Error> {
            self.serialize_str(&value.to_string())
        }
    };
}

impl<'a> ser::Serializer for Item<'a> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Impossible<(), Error>;
    type SerializeTuple = Impossible<(), Error>;
    type SerializeTupleStruct = Impossible<(), Error>;
    type SerializeTupleVariant = Impossible<(), Error>;
    type SerializeMap = Impossible<(), Error>;
    type SerializeStruct = Impossible<(), Error>;
    type SerializeStructVariant = Impossible<(), Error>;

    scalars!(text);
}

impl<'a> ser::Serializer for Key<'a> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Impossible<(), Error>;
    type SerializeTuple = Impossible<(), Error>;
    type SerializeTupleStruct = Impossible<(), Error>;
    type SerializeTupleVariant = Impossible<(), Error>;
    type SerializeMap = Impossible<(), Error>;
    type SerializeStruct = Impossible<(), Error>;
    type SerializeStructVariant = Impossible<(), Error>;

    scalars!(name);
}
