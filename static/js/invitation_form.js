// Show only the scope field (cluster or organisation) that the chosen role needs. Without script, both show.
(function () {
  const role = document.getElementById("id_role");
  if (!role || !role.dataset.scopes) return;
  const scopes = JSON.parse(role.dataset.scopes);
  const fields = { cluster: document.getElementById("id_cluster"), organisation: document.getElementById("id_organisation") };
  function update() {
    const needed = scopes[role.value] || "";
    for (const [name, field] of Object.entries(fields)) {
      if (!field) continue;
      const wrapper = field.closest(".mb-3");
      wrapper.hidden = name !== needed;
      field.required = name === needed;
    }
  }
  role.addEventListener("change", update);
  update();
})();
