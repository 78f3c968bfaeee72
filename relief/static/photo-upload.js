// Photos sized for a weak network: before a photo form is sent, a large photo is redrawn in
// the browser at most 1600 px on its longest side as a JPEG of about 80 % quality (which also
// drops its EXIF and GPS data). Without JavaScript, or if anything here fails, the original
// file is sent and the server reduces it.
(function () {
  "use strict";
  var LONGEST = 1600;
  var QUALITY = 0.8;

  function smaller(file) {
    return createImageBitmap(file, { imageOrientation: "from-image" }).then(function (bitmap) {
      var scale = Math.min(1, LONGEST / Math.max(bitmap.width, bitmap.height));
      var canvas = document.createElement("canvas");
      canvas.width = Math.round(bitmap.width * scale);
      canvas.height = Math.round(bitmap.height * scale);
      canvas.getContext("2d").drawImage(bitmap, 0, 0, canvas.width, canvas.height);
      bitmap.close();
      return new Promise(function (resolve) {
        canvas.toBlob(resolve, "image/jpeg", QUALITY);
      });
    });
  }

  function onSubmit(event) {
    var form = event.target;
    var input = form.querySelector("input[type=file][data-resize]");
    if (!input || !input.files.length || form.dataset.resized) return;
    var file = input.files[0];
    if (!/^image\/(jpeg|png|webp)$/.test(file.type) || !window.createImageBitmap || !window.DataTransfer) return;
    event.preventDefault();
    var button = form.querySelector("button[type=submit]");
    if (button) button.disabled = true;
    var status = form.querySelector("[data-resize-status]");
    if (status) status.hidden = false;
    smaller(file)
      .then(function (blob) {
        if (blob && blob.size < file.size) {
          var name = file.name.replace(/\.\w+$/, "") + ".jpg";
          var files = new DataTransfer();
          files.items.add(new File([blob], name, { type: "image/jpeg", lastModified: file.lastModified }));
          input.files = files.files;
        }
      })
      .catch(function () { /* the original is sent */ })
      .then(function () {
        form.dataset.resized = "1";
        if (button) button.disabled = false;
        form.requestSubmit ? form.requestSubmit(button || undefined) : form.submit();
      });
  }

  document.addEventListener("submit", onSubmit, true);
})();
