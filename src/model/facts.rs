//! Derived facts: lookups by reference and who connects to what.
//! Checks and emitters both ask these questions; they are answered once, here.

use super::types::*;

/// A declaration that reaches caches over the network.
#[derive(Debug, Clone, Copy)]
pub enum Client<'m> {
    Instance(&'m Instance),
    Function(&'m Function),
}

impl<'m> Client<'m> {
    pub fn name(&self) -> &'m S<String> {
        match self {
            Client::Instance(i) => &i.name,
            Client::Function(f) => &f.name,
        }
    }

    pub fn subnet(&self) -> Option<&'m Ref> {
        self.subnets().first()
    }

    /// Every subnet it runs in: an instance's one, a function's VPC config.
    pub fn subnets(&self) -> &'m [Ref] {
        match self {
            Client::Instance(i) => std::slice::from_ref(&i.subnet),
            Client::Function(f) => &f.subnets,
        }
    }

    pub fn connects(&self) -> &'m [Ref] {
        match self {
            Client::Instance(i) => &i.connects,
            Client::Function(f) => &f.connects,
        }
    }

    /// The serverless caches it lists in `connects`.
    pub fn connects_serverless(&self) -> &'m [Ref] {
        match self {
            Client::Instance(i) => &i.connects_serverless,
            Client::Function(f) => &f.connects_serverless,
        }
    }
}

impl Model {
    pub fn subnet(&self, r: &Ref) -> Option<&Subnet> {
        self.network.subnets.get(r.index)
    }

    pub fn cache(&self, r: &Ref) -> Option<&Cache> {
        self.caches.get(r.index)
    }

    pub fn parameter_group(&self, r: &Ref) -> Option<&ParameterGroup> {
        self.parameter_groups.get(r.index)
    }

    pub fn user(&self, r: &Ref) -> Option<&User> {
        self.users.get(r.index)
    }

    pub fn user_group(&self, r: &Ref) -> Option<&UserGroup> {
        self.user_groups.get(r.index)
    }

    pub fn serverless_cache(&self, r: &Ref) -> Option<&Serverless> {
        self.serverless.get(r.index)
    }

    /// For every serverless cache, the clients that list it in `connects`, each once.
    pub fn clients_by_serverless(&self) -> Vec<Vec<Client<'_>>> {
        let mut by_cache: Vec<Vec<Client<'_>>> = vec![Vec::new(); self.serverless.len()];
        for client in self.clients() {
            for r in client.connects_serverless() {
                if let Some(clients) = by_cache.get_mut(r.index)
                    && !clients
                        .last()
                        .is_some_and(|c| std::ptr::eq(c.name(), client.name()))
                {
                    clients.push(client);
                }
            }
        }
        by_cache
    }

    pub fn layer(&self, r: &Ref) -> Option<&Layer> {
        self.layers.get(r.index)
    }

    /// Instances first, then functions, each in declaration order.
    /// The subnets something is placed in or served by: cache subnet groups, endpoints, clients.
    pub fn subnets_in_use(&self) -> std::collections::HashSet<usize> {
        let caches = self.caches.iter().flat_map(|c| c.subnets.iter());
        let serverless = self.serverless.iter().flat_map(|c| c.subnets.iter());
        let endpoints = self.network.endpoints.iter().flat_map(|e| e.subnets.iter());
        let clients = self.clients().flat_map(|c| c.subnets().iter());
        caches
            .chain(serverless)
            .chain(endpoints)
            .chain(clients)
            .map(|r| r.index)
            .collect()
    }

    pub fn clients(&self) -> impl Iterator<Item = Client<'_>> {
        self.instances
            .iter()
            .map(Client::Instance)
            .chain(self.functions.iter().map(Client::Function))
    }

    /// Clients that list the cache at `index` in `connects`.
    pub fn clients_of(&self, index: usize) -> impl Iterator<Item = Client<'_>> {
        self.clients()
            .filter(move |c| c.connects().iter().any(|r| r.index == index))
    }

    /// For every cache, the clients that list it in `connects`, in one pass over the clients:
    /// the same answer as `clients_of` for each cache, without a pass per cache.
    pub fn clients_by_cache(&self) -> Vec<Vec<Client<'_>>> {
        let mut by_cache: Vec<Vec<Client<'_>>> = vec![Vec::new(); self.caches.len()];
        for client in self.clients() {
            for r in client.connects() {
                if let Some(clients) = by_cache.get_mut(r.index)
                    && !clients
                        .last()
                        .is_some_and(|c| std::ptr::eq(c.name(), client.name()))
                {
                    clients.push(client);
                }
            }
        }
        by_cache
    }

    /// Clients that run in the subnet at `index` (among others, for a function).
    pub fn clients_in(&self, index: usize) -> impl Iterator<Item = Client<'_>> {
        self.clients()
            .filter(move |c| c.subnets().iter().any(|r| r.index == index))
    }
}

/// The tags a declaration's resources get, by key: the stack's, then its own, which win.
/// Each is the tag that sets the value, so a rule can point at it.
pub fn merged_tags<'m>(stack: &'m [Tag], own: &'m [Tag]) -> Vec<&'m Tag> {
    let mut tags: std::collections::BTreeMap<&str, &Tag> =
        stack.iter().map(|t| (t.key.value.as_str(), t)).collect();
    tags.extend(own.iter().map(|t| (t.key.value.as_str(), t)));
    tags.into_values().collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn clients_by_cache_agrees_with_clients_of() {
        for seed in 0..5 {
            let g = crate::generate::program(seed, 6, 3);
            let file = crate::syntax::parse(&g.source).expect("parses");
            let (model, _) = crate::model::lower(&file, &g);
            let by_cache = model.clients_by_cache();
            for (index, clients) in by_cache.iter().enumerate() {
                let names: Vec<&str> = clients.iter().map(|c| c.name().value.as_str()).collect();
                let expected: Vec<&str> = model
                    .clients_of(index)
                    .map(|c| c.name().value.as_str())
                    .collect();
                assert_eq!(names, expected, "seed {seed}, cache {index}");
            }
        }
    }
}
